"""A task worker killed with ``kill -9`` in the middle of sending an e-mail: another worker
takes the task up and the e-mail goes exactly once. Real worker processes with production
settings on the suite's PostgreSQL database (CI's PostgreSQL run; skipped on SQLite, whose
test database lives in this process's memory)."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from elearning.core.emails import email_seal
from elearning.core.models import SentEmail
from elearning.core.tasks import message_id, send_email
from tests.security.test_scale_out import needs_postgresql, server_env

ROOT = Path(__file__).resolve().parents[2]
STALE_AFTER = 3  # seconds; production's default is 60


def start_worker(tmp_path: Path, *, name: str, mail_delay: float) -> subprocess.Popen:
    env = server_env(tmp_path / "static", redis_url=None)
    env.update(
        EMAIL_BACKEND="tests.core.slow_mail.EmailBackend",
        TEST_MAIL_DIR=str(tmp_path / "mail"),
        TEST_MAIL_DELAY=str(mail_delay),
        TASK_STALE_AFTER_SECONDS=str(STALE_AFTER),
    )
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def queue_email(key: str) -> DBTaskResult:
    result = send_email.using(backend="database").enqueue(
        key=key,
        sealed=email_seal(subject="Supervision is due", body="Arrange a time.", to=["a@b.org"]),
    )
    # The workers run production settings, where this backend is the "default" one.
    DBTaskResult.objects.filter(pk=result.id).update(backend_name="default")
    return DBTaskResult.objects.get(pk=result.id)


def copies_sent(mail_dir: Path, key: str) -> int:
    header = f"Message-ID: {message_id(key)}"
    return sum(path.read_text().count(header) for path in mail_dir.glob("*.log"))


@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_task_is_taken_up_by_another_and_the_email_sent_once(tmp_path):
    needs_postgresql()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    row = queue_email("email:killed-worker")

    first = start_worker(tmp_path, name="first", mail_delay=300)
    try:
        wait_for(lambda: (mail_dir / "sending").exists(), timeout=60, what="the first send")
        row.refresh_from_db()
        assert row.status == TaskResultStatus.RUNNING
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING  # left behind, as the library leaves it
    assert copies_sent(mail_dir, "email:killed-worker") == 0

    # The same message queued again, as a reminder job run twice would.
    duplicate = queue_email("email:killed-worker")
    second = start_worker(tmp_path, name="second", mail_delay=0)
    try:
        started = time.monotonic()
        wait_for(
            lambda: (
                DBTaskResult.objects.filter(
                    pk__in=[row.pk, duplicate.pk], status=TaskResultStatus.SUCCESSFUL
                ).count()
                == 2
            ),
            timeout=60,
            what="the second worker to finish both tasks",
        )
        taken_up_after = time.monotonic() - started
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)

    row.refresh_from_db()
    assert len(row.worker_ids) == 2 and row.worker_ids[0] != row.worker_ids[1]
    assert copies_sent(mail_dir, "email:killed-worker") == 1
    assert SentEmail.objects.filter(key="email:killed-worker").count() == 1
    # Stale after 3 s, found within a heartbeat or two: far inside production's two minutes.
    assert taken_up_after < 30
    assert second.returncode == 0, (tmp_path / "second.log").read_text()[-2000:]
