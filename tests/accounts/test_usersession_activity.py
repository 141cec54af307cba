"""Signed-in devices' activity is recorded at most once a minute per session, and at once when
the person, address or browser changes (elearning.accounts.usersessions)."""

import pytest
from allauth.usersessions.models import UserSession
from allauth.usersessions.signals import session_client_changed
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALLAUTH = "allauth.usersessions.middleware.UserSessionsMiddleware"
OURS = "elearning.accounts.usersessions.UserSessionActivityMiddleware"
SWAPPED = list(settings.MIDDLEWARE)


@pytest.fixture(autouse=True)
def _ours_in_place():
    # The site runs ours in allauth's place.
    assert OURS in settings.MIDDLEWARE and ALLAUTH not in settings.MIDDLEWARE
    cache.clear()


def _client(user, agent="Browser A") -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _usersession_writes(client, path="/profile/", **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path, **extra).status_code == 200
    return sum(
        1
        for q in ctx.captured_queries
        if "usersessions_usersession" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    )


def _row(client) -> UserSession:
    return UserSession.objects.get(session_key=client.session.session_key)


def test_first_request_records_the_device_and_the_next_ones_within_a_minute_do_not():
    person = UserFactory()
    client = _client(person)
    assert _usersession_writes(client) == 1
    first_seen = _row(client).last_seen_at
    assert _usersession_writes(client) == 0
    assert _usersession_writes(client, "/dashboard/") == 0
    assert _row(client).last_seen_at == first_seen
    assert _row(client).user_id == person.pk


def test_a_signed_in_page_makes_fewer_queries_than_with_allauths_middleware():
    client = _client(UserFactory())
    client.get("/profile/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/profile/")
    # Read now: the captured list is a window on a log the next request starts afresh.
    ours = list(ctx.captured_queries)
    swapped_back = [ALLAUTH if m == OURS else m for m in SWAPPED]
    with override_settings(MIDDLEWARE=swapped_back):
        # A test client builds its middleware once, on its first request: a new one.
        client = _client(UserFactory())
        client.get("/profile/")
        with CaptureQueriesContext(connection) as theirs:
            client.get("/profile/")
    # allauth's reads the row and the user again and saves the row in a write transaction.
    assert len(theirs) - len(ours) >= 4
    assert not any(
        "usersessions_usersession" in q["sql"] and q["sql"].startswith(("INSERT", "UPDATE"))
        for q in ours
    )


@override_settings(USERSESSIONS_ACTIVITY_INTERVAL_SECONDS=0)
def test_with_no_interval_every_request_is_recorded_as_allauth_does():
    client = _client(UserFactory())
    assert [_usersession_writes(client) for _ in range(3)] == [1, 1, 1]


def test_a_new_browser_or_address_on_the_session_is_recorded_at_once_and_signalled():
    client = _client(UserFactory())
    client.get("/profile/")
    changes = []

    def _changed(sender, request, from_session, to_session, **kwargs):
        changes.append((from_session.user_agent, to_session.user_agent, to_session.ip))

    session_client_changed.connect(_changed)
    try:
        assert _usersession_writes(client, HTTP_USER_AGENT="Browser B") == 1
        assert _row(client).user_agent == "Browser B"
        assert _usersession_writes(client, HTTP_USER_AGENT="Browser B") == 0
        assert _usersession_writes(client, HTTP_USER_AGENT="Browser B", REMOTE_ADDR="10.1.2.3") == 1
        assert _row(client).ip == "10.1.2.3"
    finally:
        session_client_changed.disconnect(_changed)
    assert changes == [
        ("Browser A", "Browser B", "127.0.0.1"),
        ("Browser B", "Browser B", "10.1.2.3"),
    ]


def test_a_deleted_device_row_is_written_again_on_the_next_request():
    client = _client(UserFactory())
    client.get("/profile/")
    UserSession.objects.filter(session_key=client.session.session_key).delete()
    assert _usersession_writes(client) == 1
    assert _row(client)


def test_two_people_never_share_an_entry():
    one, two = _client(UserFactory()), _client(UserFactory())
    assert _usersession_writes(one) == 1
    assert _usersession_writes(two) == 1
    assert _row(one).user_id != _row(two).user_id


def test_the_cache_key_does_not_hold_the_session_key():
    from elearning.accounts.usersessions import _cache_key

    client = _client(UserFactory())
    key = client.session.session_key
    assert key not in _cache_key(key)
    assert _cache_key(key) != _cache_key(key + "x")
