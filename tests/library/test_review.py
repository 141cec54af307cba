"""Review dates: reminders to page owners, the admin report and the dashboard panel."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from elearning.library.services import review_reminders_send

from . import factories as f

pytestmark = pytest.mark.django_db


# --- Review ---------------------------------------------------------------------------------


def test_review_reminders_email_owners_of_due_and_overdue_pages(staff):
    today = timezone.localdate()
    f.guide(
        title="Overdue guide",
        content_owner=staff,
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=5),
    )
    f.guide(
        title="Due soon guide", content_owner=staff, review_by=today + datetime.timedelta(days=10)
    )
    f.guide(title="Fine guide", content_owner=staff, review_by=today + datetime.timedelta(days=200))
    f.guide(
        title="Ownerless",
        review_by=today - datetime.timedelta(days=5),
        last_reviewed=today - datetime.timedelta(days=400),
    )
    mail.outbox.clear()
    assert review_reminders_send(today=today) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff.email]
    assert "Overdue guide" in message.body and "overdue since" in message.body
    assert "Due soon guide" in message.body
    assert "Fine guide" not in message.body


def test_review_reminder_command_runs_the_task(staff):
    today = timezone.localdate()
    f.guide(
        title="Overdue guide",
        content_owner=staff,
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=5),
    )
    mail.outbox.clear()
    call_command("send_review_reminders")
    assert [m.to for m in mail.outbox] == [[staff.email]]


def test_admin_review_report_lists_due_pages(staff, practitioner, login):
    today = timezone.localdate()
    f.guide(
        title="Overdue guide",
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=5),
    )
    f.guide(title="Fine guide", review_by=today + datetime.timedelta(days=200))
    response = login(staff).get("/admin/reports/content-review/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Overdue guide" in html and "overdue" in html
    assert "Fine guide" not in html
    assert login(practitioner).get("/admin/reports/content-review/").status_code in (302, 403)


def test_dashboard_panel_shows_staff_their_pages_due_for_review(staff, practitioner, login):
    today = timezone.localdate()
    f.guide(
        title="My overdue guide",
        content_owner=staff,
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=3),
    )
    html = login(staff).get("/dashboard/").content.decode()
    assert "Library content you look after" in html
    assert "My overdue guide" in html
    assert (
        "Library content you look after"
        not in login(practitioner).get("/dashboard/").content.decode()
    )
