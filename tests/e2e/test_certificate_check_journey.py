"""An employer checks a certificate code on a phone; the learner sees their certificates."""

import datetime

import pytest
from django.utils import timezone

from courses import services
from tests.conftest import axe_check, sign_in_by_session
from tests.courses.certificate_helpers import make_certificate
from tests.factories import role_user

PHONE = {"width": 375, "height": 812}
pytestmark = pytest.mark.django_db(transaction=True)


def _fits(tab):
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_employer_checks_a_code_and_the_learner_sees_every_certificate(page, live_server):
    staff = role_user("staff")
    learner = role_user("practitioner", first_name="Rosa", last_name="Lane")
    current = make_certificate(learner, course_title="Neglect: the essentials", cpd_hours=2)
    revoked = make_certificate(
        learner,
        course_title="Recognising neglect",
        cpd_hours=6,
        expires_on=timezone.localdate() + datetime.timedelta(days=400),
    )
    services.certificate_revoke(certificate=revoked, by=staff, reason="Issued in error")

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/learning/verify/")
    page.fill("#id_code", current.code.lower().replace("-", " "))
    page.click("button:has-text('Check code')")
    page.wait_for_selector("#verify-details")
    assert "Rosa Lane" in page.inner_text("#verify-details")
    assert "Current" in page.inner_text("#verify-details")
    axe_check(page, context_label="certificate check, current")
    _fits(page)

    page.fill("#id_code", revoked.code)
    page.click("button:has-text('Check code')")
    page.wait_for_selector("text=Revoked certificate")
    assert "Issued in error" not in page.content()
    axe_check(page, context_label="certificate check, revoked")

    page.fill("#id_code", "' OR 1=1 --")
    page.click("button:has-text('Check code')")
    page.wait_for_selector(".govuk-error-summary")
    axe_check(page, context_label="certificate check, malformed")

    sign_in_by_session(page.context, learner, live_server.url)
    page.goto(f"{live_server.url}/learning/my/")
    page.wait_for_selector("#my-certificates")
    assert "Total CPD hours from current and expired certificates: 2.0" in page.inner_text(
        "#my-cpd-hours"
    )
    axe_check(page, context_label="my learning with certificates")
    _fits(page)
