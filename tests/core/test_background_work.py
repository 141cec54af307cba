"""Background work is done at least once and given up on in the open (elearning.core.work).

The worker here runs in this process on the "database" task backend (the production one);
tests/core/test_worker_kill.py kills real worker processes on PostgreSQL.
"""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import get_commands
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from elearning.core import work
from elearning.core.emails import email_seal, email_send, queued_emails_reseal
from elearning.core.management.commands.db_worker import Worker
from elearning.core.models import SentEmail, WorkerHeartbeat
from elearning.core.tasks import message_id, send_email
from tests.factories import role_user

from . import background_tasks

pytestmark = pytest.mark.django_db

STATUS = TaskResultStatus


def queued_email(key="email:test-1", to=("person@example.org",), subject="Supervision is due"):
    result = send_email.using(backend="database").enqueue(
        key=key,
        sealed=email_seal(subject=subject, body="Please arrange a time.", to=list(to)),
    )
    return DBTaskResult.objects.get(pk=result.id)


def queued(task):
    return DBTaskResult.objects.get(pk=task.using(backend="database").enqueue().id)


def claimed(row, *workers, started_ago=datetime.timedelta(minutes=5)):
    """``row`` as a worker left it after claiming it ``started_ago``."""
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=STATUS.RUNNING,
        started_at=timezone.now() - started_ago,
        worker_ids=list(workers),
    )
    return DBTaskResult.objects.get(pk=row.pk)


def run_worker(**kwargs):
    """One pass of the project's worker over the database backend, without its heartbeat
    thread touching the database (the thread is tested through the process tests)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="database",
        startup_delay=False,
        max_tasks=kwargs.get("max_tasks"),
        worker_id=kwargs.get("worker_id", "worker-in-test"),
        excluded_queue_names=[],
    )
    # The worker closes connections it thinks are stale between tasks; here the connection is
    # the test's own transaction, so it must stay.
    with (
        mock.patch.object(work, "heartbeat_interval", return_value=3600),
        mock.patch(
            "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
        ),
    ):
        worker.run()


def test_the_worker_command_is_the_projects_not_the_librarys():
    # The same command name operators already run, with heartbeats and retries added.
    assert get_commands()["db_worker"] == "elearning.core"


# --- Tasks whose worker died --------------------------------------------------------------


@override_settings(TASK_STALE_AFTER_SECONDS=60, TASK_MAX_ATTEMPTS=3)
def test_a_task_whose_worker_stopped_answering_goes_back_on_the_queue():
    row = claimed(queued_email(), "dead-worker")
    WorkerHeartbeat.objects.create(
        worker_id="dead-worker", seen_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert work.stale_tasks_requeue() == {"requeued": 1, "failed": 0}
    row.refresh_from_db()
    assert row.status == STATUS.READY
    assert row.run_after <= timezone.now()
    assert row.exception_class_path == work.WORKER_LOST
    assert "attempt 1 of 3" in row.traceback
    assert DBTaskResult.objects.ready().filter(pk=row.pk).exists()
    # Run twice (every worker reaps), nothing changes again.
    assert work.stale_tasks_requeue() == {"requeued": 0, "failed": 0}


@override_settings(TASK_STALE_AFTER_SECONDS=60)
def test_a_task_whose_worker_never_wrote_a_heartbeat_goes_back_too():
    row = claimed(queued_email(), "library-worker-without-heartbeat")
    assert work.stale_tasks_requeue()["requeued"] == 1
    row.refresh_from_db()
    assert row.status == STATUS.READY


@override_settings(TASK_STALE_AFTER_SECONDS=60)
def test_a_slow_task_of_a_live_worker_is_left_alone():
    row = claimed(queued_email(), "live-worker", started_ago=datetime.timedelta(hours=1))
    WorkerHeartbeat.objects.create(worker_id="live-worker", seen_at=timezone.now())
    assert work.stale_tasks_requeue() == {"requeued": 0, "failed": 0}
    row.refresh_from_db()
    assert row.status == STATUS.RUNNING


@override_settings(TASK_STALE_AFTER_SECONDS=60)
def test_a_task_claimed_moments_ago_is_left_alone_even_without_a_heartbeat():
    row = claimed(queued_email(), "new-worker", started_ago=datetime.timedelta(seconds=5))
    assert work.stale_tasks_requeue()["requeued"] == 0
    row.refresh_from_db()
    assert row.status == STATUS.RUNNING


@override_settings(TASK_STALE_AFTER_SECONDS=60)
def test_only_the_last_claimant_counts_not_an_earlier_live_worker():
    row = claimed(queued_email(), "live-worker", "dead-worker")
    WorkerHeartbeat.objects.create(worker_id="live-worker", seen_at=timezone.now())
    assert work.stale_tasks_requeue()["requeued"] == 1
    row.refresh_from_db()
    assert row.status == STATUS.READY


@override_settings(TASK_STALE_AFTER_SECONDS=60, TASK_MAX_ATTEMPTS=3)
def test_a_task_that_killed_its_worker_every_time_is_given_up_in_the_open():
    row = claimed(queued_email(), "w1", "w2", "w3")
    assert work.stale_tasks_requeue() == {"requeued": 0, "failed": 1}
    row.refresh_from_db()
    assert row.status == STATUS.FAILED
    assert row.finished_at is not None
    assert "attempt 3 of 3" in row.traceback
    assert row in work.troubled_tasks()


def test_a_worker_keeps_its_heartbeat_and_clears_it_when_it_stops():
    work.heartbeat("w-beat")
    first = WorkerHeartbeat.objects.get(pk="w-beat").seen_at
    later = timezone.now() + datetime.timedelta(seconds=30)
    work.heartbeat("w-beat", now=later)
    beat = WorkerHeartbeat.objects.get(pk="w-beat")
    assert beat.seen_at == later and beat.started_at == first
    work.heartbeat_end("w-beat")
    assert not WorkerHeartbeat.objects.filter(pk="w-beat").exists()


@override_settings(TASK_STALE_AFTER_SECONDS=60)
def test_heartbeats_come_several_times_within_the_stale_time():
    assert work.heartbeat_interval() * 4 <= 60


def test_old_sent_keys_and_heartbeats_are_forgotten():
    now = timezone.now()
    SentEmail.objects.create(key="old", sent_at=now - datetime.timedelta(days=31))
    SentEmail.objects.create(key="recent", sent_at=now - datetime.timedelta(days=2))
    WorkerHeartbeat.objects.create(worker_id="gone", seen_at=now - datetime.timedelta(days=2))
    WorkerHeartbeat.objects.create(worker_id="here", seen_at=now)
    work.housekeeping(now=now)
    assert list(SentEmail.objects.values_list("key", flat=True)) == ["recent"]
    assert list(WorkerHeartbeat.objects.values_list("pk", flat=True)) == ["here"]


# --- Tasks that raise -----------------------------------------------------------------------


@override_settings(TASK_MAX_ATTEMPTS=3, TASK_RETRY_DELAY_SECONDS=60)
def test_a_failing_task_is_tried_again_later_then_given_up_after_its_attempts():
    row = queued(background_tasks.always_fails)
    before = timezone.now()
    run_worker()
    row.refresh_from_db()
    assert row.status == STATUS.READY
    assert work.attempts(row) == 1
    assert "The mail relay refused the connection" in row.traceback
    first_wait = (row.run_after - before).total_seconds()
    assert 59 <= first_wait <= 65

    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())
    before = timezone.now()
    run_worker()
    row.refresh_from_db()
    assert row.status == STATUS.READY and work.attempts(row) == 2
    assert 119 <= (row.run_after - before).total_seconds() <= 125  # the delay doubles

    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())
    run_worker()
    row.refresh_from_db()
    assert row.status == STATUS.FAILED and work.attempts(row) == 3
    assert row.finished_at is not None


def test_a_task_that_succeeds_is_not_retried():
    row = queued(background_tasks.succeeds)
    run_worker()
    row.refresh_from_db()
    assert row.status == STATUS.SUCCESSFUL and row.return_value == "done"
    assert row not in work.troubled_tasks()


def test_the_worker_takes_up_a_requeued_task_and_sends_the_email_once():
    row = claimed(queued_email(key="email:requeued"), "dead-worker")
    with override_settings(TASK_STALE_AFTER_SECONDS=60):
        mail.outbox.clear()
        run_worker(worker_id="second-worker")  # its start-up reaps, then runs the task
    row.refresh_from_db()
    assert row.status == STATUS.SUCCESSFUL
    assert row.worker_ids == ["dead-worker", "second-worker"]
    assert len(mail.outbox) == 1
    assert not WorkerHeartbeat.objects.filter(pk="second-worker").exists()


# --- E-mails are sent once per message ------------------------------------------------------


def test_an_email_task_run_twice_sends_once():
    sealed = email_seal(subject="Certificate expiring", body="Renew it.", to=["a@example.org"])
    mail.outbox.clear()
    assert send_email.call(sealed=sealed, key="email:twice") == 1
    assert send_email.call(sealed=sealed, key="email:twice") == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id("email:twice")
    assert SentEmail.objects.filter(key="email:twice").count() == 1


def test_different_messages_have_different_keys_and_message_ids():
    mail.outbox.clear()
    email_send(subject="One", body="x", to=["a@example.org"])
    email_send(subject="Two", body="x", to=["a@example.org"])
    assert len(mail.outbox) == 2
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert len(ids) == 2
    assert SentEmail.objects.count() == 2


def test_the_same_keyed_message_queued_twice_is_sent_once():
    # What a reminder job that ran twice does: it queues the same message again.
    mail.outbox.clear()
    for _ in range(2):
        email_send(subject="Supervision is due", body="x", to=["a@example.org"], key="due:7")
    assert len(mail.outbox) == 1


def test_weekly_review_reminders_run_twice_in_a_day_email_the_owner_once(staff):
    from tests.library import factories as f

    today = timezone.localdate()
    f.guide(title="Overdue guide", content_owner=staff, review_by=today - datetime.timedelta(1))
    from elearning.library.services import review_reminders_send

    mail.outbox.clear()
    review_reminders_send(today=today)
    review_reminders_send(today=today)
    assert [m.to for m in mail.outbox] == [[staff.email]]


def test_resealing_queued_emails_keeps_their_keys():
    row = queued_email(key="email:keep-me")
    assert queued_emails_reseal(DBTaskResult.objects.filter(pk=row.pk)) == 1
    row.refresh_from_db()
    assert row.args_kwargs["kwargs"]["key"] == "email:keep-me"
    assert row.args_kwargs["kwargs"]["sealed"]


# --- Reports → Failed background work -------------------------------------------------------


def failed_email(**kwargs):
    row = queued_email(**kwargs)
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=STATUS.FAILED,
        finished_at=timezone.now(),
        worker_ids=["w1", "w2", "w3", "w4", "w5"],
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback="Traceback ...\nsmtplib.SMTPServerDisconnected: Connection unexpectedly closed",
    )
    return DBTaskResult.objects.get(pk=row.pk)


def test_partnership_admins_see_failed_work_and_what_it_was_for(login):
    row = failed_email(to=["waiting.person@example.org"], subject="A place is free")
    waiting = queued(background_tasks.always_fails)
    run_worker()  # fails once, waits to be tried again
    page = login(role_user("admin")).get(reverse("failed_work:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "A place is free" in text and "waiting.person@example.org" in text
    assert "Gave up after 5 of 5 tries" in text
    assert "Connection unexpectedly closed" in text
    assert "Will try again from" in text and "The mail relay refused the connection" in text
    assert reverse("failed_work:retry", args=[row.pk]) in text
    assert reverse("failed_work:retry", args=[waiting.pk]) not in text  # not given up yet
    # Sealed e-mails are opened for the screen only: the body and links are never shown.
    assert "Please arrange a time." not in text


def test_with_nothing_failed_the_screen_says_so(login):
    queued(background_tasks.succeeds)
    page = login(role_user("admin")).get(reverse("failed_work:index"))
    assert "Nothing has failed" in page.content.decode()


def test_nobody_else_sees_failed_work_or_can_retry_it(login):
    row = failed_email(subject="Secret subject")
    for role in ("staff", "moderator", "supervisor", "practitioner"):
        client = login(role_user(role))
        response = client.get(reverse("failed_work:index"))
        assert response.status_code in (302, 403)
        assert "Secret subject" not in response.content.decode()
        client.post(reverse("failed_work:retry", args=[row.pk]))
        row.refresh_from_db()
        assert row.status == STATUS.FAILED


def test_an_admin_tries_failed_work_again_and_a_worker_sends_it(login):
    row = failed_email(subject="Booking confirmed")
    client = login(role_user("admin"))
    response = client.post(reverse("failed_work:retry", args=[row.pk]), follow=True)
    assert "is back on the queue" in response.content.decode()
    row.refresh_from_db()
    assert row.status == STATUS.READY and row.worker_ids == [] and row.finished_at is None
    assert row.run_after == get_date_max()
    mail.outbox.clear()
    run_worker()
    row.refresh_from_db()
    assert row.status == STATUS.SUCCESSFUL
    assert [m.subject for m in mail.outbox] == ["Booking confirmed"]


@pytest.mark.parametrize("task_id", ["not-a-task", "00000000-0000-0000-0000-000000000000", "'"])
def test_a_tampered_retry_id_is_refused_with_a_message(login, task_id):
    row = failed_email()
    response = login(role_user("admin")).post(
        reverse("failed_work:retry", args=[task_id]), follow=True
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "is not a background task" in text or "does not exist" in text
    row.refresh_from_db()
    assert row.status == STATUS.FAILED


def test_work_that_has_not_failed_cannot_be_retried_so_it_never_runs_twice(login):
    row = queued_email()
    claimed(row, "live-worker")
    response = login(role_user("admin")).post(
        reverse("failed_work:retry", args=[row.pk]), follow=True
    )
    assert "has not failed" in response.content.decode()
    row.refresh_from_db()
    assert row.status == STATUS.RUNNING and row.worker_ids == ["live-worker"]


def test_retrying_is_a_post(login):
    row = failed_email()
    response = login(role_user("admin")).get(reverse("failed_work:retry", args=[row.pk]))
    assert response.status_code == 405
    row.refresh_from_db()
    assert row.status == STATUS.FAILED
