"""Browser journey: the trainer opens the check-in code screen, an attendee checks in on a
phone-sized screen with the code, and the register shows them ticked."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import PartAttendance
from tests.conftest import sign_in_by_session
from tests.courses.factories import BookingFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_trainer_shows_the_code_and_an_attendee_checks_in(page, live_server, axe, browser):
    trainer = UserFactory()
    session = SessionFactory(
        trainer=trainer, starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    part = session.parts.get()
    learner = UserFactory(first_name="Ama", last_name="Owusu")
    BookingFactory(session=session, user=learner)

    sign_in_by_session(page.context, trainer, live_server.url)
    page.goto(f"{live_server.url}/learning/sessions/{session.pk}/parts/{part.pk}/check-in-code/")
    code_box = page.locator("#check-in-code")
    expect(code_box).to_have_text(re.compile(r"^[A-Z0-9]{6}$"))
    code = code_box.inner_text().strip()
    assert page.locator("svg.app-check-in__qr").count() == 1
    axe(page, context_label="check-in code screen")

    phone = browser.new_context(viewport={"width": 375, "height": 740})
    attendee = phone.new_page()
    sign_in_by_session(phone, learner, live_server.url)
    attendee.goto(f"{live_server.url}/learning/check-in/")
    axe(attendee, context_label="check-in page")
    width = attendee.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    attendee.get_by_label("Check-in code").fill(code.lower())
    attendee.get_by_role("button", name="Check in").click()
    expect(attendee.get_by_text("You are checked in")).to_be_visible()
    phone.close()
    assert PartAttendance.objects.filter(booking__user=learner, method="self").exists()

    page.goto(f"{live_server.url}/learning/sessions/{session.pk}/register/")
    box = page.get_by_label("Attended part 1: Ama Owusu")
    expect(box).to_be_checked()
    expect(page.locator(".app-checked-in")).to_have_text("Checked in on their phone")
    page.get_by_role("button", name="Save register").click()
    expect(page.get_by_text("Register saved")).to_be_visible()
    record = PartAttendance.objects.get(booking__user=learner)
    assert record.method == "trainer" and record.attended
