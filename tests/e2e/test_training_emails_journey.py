"""Browser journey: partnership staff change the wording of the session reminder in Wagtail
(a misspelt placeholder is refused), one learner turns reminders off on their e-mail
preferences page, and the next reminders go out in the new wording to the other only."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from courses import services
from courses.models import EmailKind, EmailTemplate
from tests.conftest import sign_in_by_session
from tests.courses.factories import BookingFactory, SessionFactory
from tests.factories import UserFactory, role_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_reword_a_reminder_and_a_learner_turns_reminders_off(page, live_server, axe):
    now = timezone.now()
    session = SessionFactory(starts_at=now + datetime.timedelta(days=1, hours=2))
    keeps, stops = UserFactory(), UserFactory()
    BookingFactory(session=session, user=keeps)
    BookingFactory(session=session, user=stops)

    # Staff find the e-mail under Training e-mails and change its subject.
    sign_in_by_session(page.context, role_user("staff"), live_server.url)
    page.goto("/admin/")
    page.get_by_role("link", name="Training e-mails").click()
    page.get_by_role("link", name="Session reminder").click()
    subject = page.locator("#id_subject")
    subject.fill("Tomorrow: {course_titel}")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile(r"\{course_titel\} is not a placeholder"))).to_be_visible()
    assert not EmailTemplate.objects.filter(subject__contains="course_titel").exists()
    page.locator("#id_subject").fill("Tomorrow: {course_title}")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile("updated"))).to_be_visible()
    assert EmailTemplate.objects.get(kind=EmailKind.BOOKING_REMINDER).subject == (
        "Tomorrow: {course_title}"
    )

    # A learner turns session reminders off from their profile.
    page.context.clear_cookies()
    sign_in_by_session(page.context, stops, live_server.url)
    page.goto("/profile/")
    page.get_by_role("link", name="Change e-mail preferences").click()
    page.wait_for_url(re.compile("/email-preferences/"))
    axe(page, context_label="e-mail preferences")
    page.get_by_label("Reminders two days before a training session").uncheck()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_text("Your e-mail preferences have been saved.")).to_be_visible()
    expect(page.get_by_label("Reminders two days before a training session")).not_to_be_checked()
    expect(page.get_by_label("Reminders before a certificate expires")).to_be_checked()

    mail.outbox.clear()
    services.session_reminders_send(now=now)
    assert [m.to for m in mail.outbox] == [[keeps.email]]
    assert mail.outbox[0].subject == f"Tomorrow: {session.course.title}"
