"""The idle clock is written to the session at most once a minute, so supervision pages do not
save the session on every request, and the timeout can only come sooner, never later
(supervision.middleware)."""

import time

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from supervision.middleware import LAST_SEEN_SESSION_KEY, refresh_seconds

from .test_page_guard import HOME, idle_for, sent_to_reauthenticate

pytestmark = pytest.mark.django_db


def _session_writes(client, path=HOME) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return sum(
        1
        for q in ctx.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith("UPDATE")
    )


def test_the_refresh_is_a_tenth_of_the_timeout_and_at_most_a_minute():
    with override_settings(SUPERVISION_IDLE_TIMEOUT_MINUTES=30):
        assert refresh_seconds() == 60
    with override_settings(SUPERVISION_IDLE_TIMEOUT_MINUTES=1):
        assert refresh_seconds() == 6


def test_pages_opened_within_a_minute_do_not_save_the_session(login, practitioner):
    client = login(practitioner)
    assert _session_writes(client) == 1  # the clock starts
    seen = client.session[LAST_SEEN_SESSION_KEY]
    assert _session_writes(client) == 0
    assert _session_writes(client) == 0
    assert client.session[LAST_SEEN_SESSION_KEY] == seen


def test_a_page_opened_after_a_minute_moves_the_clock_on(login, practitioner):
    client = login(practitioner)
    client.get(HOME)
    idle_for(client, 2)
    before = client.session[LAST_SEEN_SESSION_KEY]
    assert _session_writes(client) == 1
    assert client.session[LAST_SEEN_SESSION_KEY] > before
    assert abs(client.session[LAST_SEEN_SESSION_KEY] - time.time()) < 30


def test_the_clock_left_stale_by_less_than_a_minute_can_only_time_out_sooner(login, practitioner):
    client = login(practitioner)
    client.get(HOME)
    # 45 seconds on, a page: too soon to write the clock again, so it still says 0:00.
    idle_for(client, 0.75)
    assert _session_writes(client) == 0
    # 29 min 30 s after that page (30 min 15 s after the clock), the guard asks again.
    idle_for(client, 29.5)
    assert sent_to_reauthenticate(client.get(HOME), HOME)
