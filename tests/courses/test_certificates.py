"""Certificates: the PDF, the public verification page and expiry reminders."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Certificate
from tests.factories import UserFactory

from .factories import EnrolmentFactory, make_course

pytestmark = pytest.mark.django_db


def _certificate(user=None, **fields) -> Certificate:
    enrolment = EnrolmentFactory(user=user or UserFactory(), course=make_course(steps=0))
    defaults = {
        "learner_name": str(enrolment.user),
        "course_title": enrolment.course.title,
        "cpd_hours": 2,
        "completed_on": timezone.localdate(),
    }
    defaults.update(fields)
    return Certificate.objects.create(enrolment=enrolment, **defaults)


def test_codes_are_unique_and_readable():
    codes = {_certificate().code for _ in range(5)}
    assert len(codes) == 5
    assert all(len(c) == 11 and c[5] == "-" for c in codes)


def test_learner_downloads_their_certificate_as_pdf(login, practitioner):
    certificate = _certificate(user=practitioner)
    response = login(practitioner).get(reverse("courses:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    expected = f'attachment; filename="certificate-{certificate.code}.pdf"'
    assert response["Content-Disposition"] == expected
    assert "no-store" in response["Cache-Control"]


def test_nobody_else_downloads_a_certificate(login, practitioner, other_practitioner, client):
    certificate = _certificate(user=practitioner)
    url = reverse("courses:certificate_pdf", args=[certificate.code])
    assert login(other_practitioner).get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_verification_says_current_and_names_the_holder_and_course(client):
    certificate = _certificate(learner_name="Harriet Example")
    response = client.get(reverse("courses:verify"), {"code": certificate.code.lower()})
    html = response.content.decode()
    assert "Current certificate" in html
    assert "Harriet Example" in html
    assert certificate.course_title in html


def test_verification_says_expired(client):
    certificate = _certificate(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    response = client.get(reverse("courses:verify"), {"code": certificate.code})
    assert "Expired certificate" in response.content.decode()


def test_a_forged_code_is_unknown(client):
    _certificate()
    for code in ("ABCDE-FGHJK", "zzzzz-zzzzz"):
        html = client.get(reverse("courses:verify"), {"code": code}).content.decode()
        assert "Unknown code" in html
        assert "Current certificate" not in html
    for code in ("' OR 1=1 --", "x" * 20):
        html = client.get(reverse("courses:verify"), {"code": code}).content.decode()
        assert "10 letters and numbers" in html
        assert "Current certificate" not in html


def test_verification_asks_for_a_code(client):
    html = client.get(reverse("courses:verify"), {"code": ""}).content.decode()
    assert "Enter the verification code" in html


def test_expiry_reminders_go_60_and_14_days_ahead_to_learner_and_manager(mailoutbox):
    manager = UserFactory()
    learner = UserFactory(confirmed_manager=manager)
    today = datetime.date(2027, 3, 1)
    certificate = _certificate(user=learner, expires_on=today + datetime.timedelta(days=60))
    _certificate(expires_on=today + datetime.timedelta(days=200))

    assert services.certificate_reminders_send(today=today) == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([learner.email, manager.email])
    assert "expires" in mailoutbox[0].subject
    assert services.certificate_reminders_send(today=today) == 0

    mailoutbox.clear()
    fourteen = certificate.expires_on - datetime.timedelta(days=14)
    assert services.certificate_reminders_send(today=fourteen) == 1
    assert len(mailoutbox) == 2
    assert services.certificate_reminders_send(today=fourteen) == 0


def test_reminder_command_runs_the_reminders(mailoutbox):
    certificate = _certificate(expires_on=timezone.localdate() + datetime.timedelta(days=10))
    call_command("send_course_reminders")
    assert mailoutbox and mailoutbox[0].to == [certificate.enrolment.user.email]


def test_refresher_period_sets_expiry_at_month_ends():
    assert services._add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services._add_months(datetime.date(2026, 11, 30), 36) == datetime.date(2029, 11, 30)


def test_certificate_document_carries_everything_a_checker_needs():
    from django.template.loader import render_to_string

    certificate = _certificate(
        learner_name="Harriet Example",
        cpd_hours=6,
        expires_on=datetime.date(2029, 11, 30),
    )
    certificate.refresh_from_db()
    html = render_to_string(
        "courses/certificate_pdf.html",
        {"certificate": certificate, "verify_url": "https://example.org/learning/verify/"},
    )
    for text in (
        "Harriet Example",
        certificate.course_title,
        "6.0",
        "30 November 2029",
        certificate.code,
        "https://example.org/learning/verify/",
    ):
        assert text in html
