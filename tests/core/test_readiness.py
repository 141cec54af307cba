"""The readiness check (/readyz): database, cache and task queue, each reported on its own."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connections
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from elearning.library.tasks import send_review_reminders

pytestmark = pytest.mark.django_db


def ready_lines(response) -> list[str]:
    return response.content.decode().splitlines()


def queued(*, status="READY", waited=datetime.timedelta(0), run_after=None) -> DBTaskResult:
    """A task row as django_tasks_db writes it, queued ``waited`` ago."""
    result = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="elearning.library.tasks.send_review_reminders",
        backend_name="database",
        run_after=run_after or get_date_max(),
        exception_class_path="",
        traceback="",
    )
    # enqueued_at is set on creation (auto_now_add); an update is the way to backdate it.
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=timezone.now() - waited)
    return result


def test_healthy_answer_reports_each_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert ready_lines(response) == ["database ok", "cache ok", "tasks ok (none waiting)"]


def test_healthy_answer_gives_the_oldest_waiting_task(client):
    queued(waited=datetime.timedelta(seconds=3))
    queued(waited=datetime.timedelta(seconds=1))
    response = client.get("/readyz")
    assert response.status_code == 200
    assert ready_lines(response)[2] in {
        "tasks ok (oldest waiting 3 s)",
        "tasks ok (oldest waiting 4 s)",  # a slow machine crossing a second
    }


def test_readiness_is_never_cached(client):
    response = client.get("/readyz")
    assert "no-store" in response["Cache-Control"]
    failing = mock.patch.object(cache, "get", side_effect=ConnectionError("redis://:pw@cache"))
    with failing:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]


def test_healthy_answer_needs_two_queries(client, django_assert_num_queries):
    queued(waited=datetime.timedelta(seconds=5))
    # SELECT 1 and one read of the task queue; the cache here is local memory.
    with django_assert_num_queries(2):
        response = client.get("/readyz")
    assert response.status_code == 200


def test_database_down_answers_503_and_still_reports_the_cache(client):
    down = OperationalError('could not connect to server: host "db.internal" user "app"')
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=down):
        response = client.get("/readyz")
    assert response.status_code == 503
    lines = ready_lines(response)
    assert lines[0] == "database failing: OperationalError"
    assert lines[1] == "cache ok"
    # The task queue lives in the database, so it cannot be read either.
    assert lines[2] == "tasks failing: OperationalError"
    assert b"db.internal" not in response.content


def test_cache_raising_answers_503_without_the_message(client):
    error = ConnectionError("Error connecting to redis://:s3cret@cache.internal:6379")
    with mock.patch.object(cache, "set", side_effect=error):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert ready_lines(response) == [
        "database ok",
        "cache failing: ConnectionError",
        "tasks ok (none waiting)",
    ]
    assert b"s3cret" not in response.content and b"cache.internal" not in response.content


def test_cache_returning_another_value_answers_503(client):
    with mock.patch.object(cache, "get", return_value="something else"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert ready_lines(response) == [
        "database ok",
        "cache failing: read back a different value",
        "tasks ok (none waiting)",
    ]


def test_cache_forgetting_the_value_answers_503(client):
    with mock.patch.object(cache, "get", return_value=None):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert ready_lines(response)[1] == "cache failing: read back a different value"


def test_task_waiting_ten_minutes_answers_503(client):
    queued(waited=datetime.timedelta(minutes=10))
    response = client.get("/readyz")
    assert response.status_code == 503
    lines = ready_lines(response)
    assert lines[:2] == ["database ok", "cache ok"]
    assert lines[2] in {
        "tasks failing: oldest waiting 600 s (limit 300 s)",
        "tasks failing: oldest waiting 601 s (limit 300 s)",
    }


def test_task_enqueued_on_the_database_backend_counts(client):
    result = send_review_reminders.using(backend="database").enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert ready_lines(response)[2].startswith("tasks failing: oldest waiting 60")


@override_settings(TASK_QUEUE_MAX_AGE_SECONDS=900)
def test_the_limit_comes_from_the_setting(client):
    queued(waited=datetime.timedelta(minutes=10))
    response = client.get("/readyz")
    assert response.status_code == 200
    assert ready_lines(response)[2].startswith("tasks ok (oldest waiting 60")


def test_task_delayed_to_later_does_not_count(client):
    queued(
        waited=datetime.timedelta(hours=1),
        run_after=timezone.now() + datetime.timedelta(hours=1),
    )
    response = client.get("/readyz")
    assert response.status_code == 200
    assert ready_lines(response)[2] == "tasks ok (none waiting)"


def test_delayed_task_waits_from_when_it_became_due(client):
    # Queued an hour ago to run a minute ago: it has waited one minute, not an hour.
    queued(
        waited=datetime.timedelta(hours=1),
        run_after=timezone.now() - datetime.timedelta(minutes=1),
    )
    response = client.get("/readyz")
    assert response.status_code == 200
    assert ready_lines(response)[2] in {
        "tasks ok (oldest waiting 60 s)",
        "tasks ok (oldest waiting 61 s)",
    }


def test_delayed_task_overdue_too_long_answers_503(client):
    queued(
        waited=datetime.timedelta(hours=2),
        run_after=timezone.now() - datetime.timedelta(minutes=10),
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert ready_lines(response)[2].startswith("tasks failing: oldest waiting 60")


@pytest.mark.parametrize("status", ["RUNNING", "SUCCESSFUL", "FAILED"])
def test_old_tasks_not_waiting_do_not_count(client, status):
    queued(status=status, waited=datetime.timedelta(hours=3))
    response = client.get("/readyz")
    assert response.status_code == 200
    assert ready_lines(response)[2] == "tasks ok (none waiting)"


def test_readiness_needs_no_sign_in_and_no_mfa(client):
    from elearning.accounts import roles
    from tests.factories import UserFactory

    # A supervisor with no authenticator yet is sent to set one up from every other page.
    client.force_login(UserFactory(groups=[roles.SUPERVISORS_GROUP]))
    assert client.get("/dashboard/").status_code == 302
    response = client.get("/readyz")
    assert response.status_code == 200
    assert ready_lines(response)[0] == "database ok"


def production_redirect_exempt() -> list[str]:
    """SECURE_REDIRECT_EXEMPT as the production settings define it (read in a subprocess:
    those settings refuse to load without their environment)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from cryptography.fernet import Fernet

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
        "SECRET_KEY": "x" * 60,
        "ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "learning.example.org",
    }
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.SECURE_REDIRECT_EXEMPT))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(out.stdout)


def test_production_answers_readiness_without_the_https_redirect(client):
    exempt = production_redirect_exempt()
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=exempt):
        assert client.get("/readyz").status_code == 200
        assert client.get("/healthz").status_code == 200
        assert client.get("/search/").status_code == 301
