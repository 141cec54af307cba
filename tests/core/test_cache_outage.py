"""Redis away is a degraded service, not a broken one.

Reading pages keeps working without the cache; everything that must not fail open (allauth's
rate limits and its record of used one-time codes) answers "Sign-in is unavailable for a
moment" with status 503, and nobody is signed in because Redis is away.

"Unreachable" is a resilient Redis backend pointed at port 1, where nothing listens, so
connections are refused at once. The "reachable" tests need a real Redis (REDIS_URL, or
127.0.0.1:6379) and are skipped, with the reason, where none answers.
"""

import logging
import os
import secrets
import socket
import time
import urllib.parse
from html.parser import HTMLParser
from unittest import mock

import pytest
import redis
from allauth.core.internal import ratelimit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from elearning.core import cache as resilient
from elearning.core.cache import CacheUnavailable, ResilientRedisCache
from elearning.settings.test_redis_down import CACHES as UNREACHABLE_CACHES
from elearning.settings.test_redis_down import UNREACHABLE_REDIS_URL
from tests.factories import PASSWORD, AgencyFactory, role_user, totp_code

REACHABLE_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
UNAVAILABLE = "Sign-in is unavailable for a moment"
RATE_LIMIT_KEY = "allauth:rl:allauth.account:login:30/60.0/ip:127.0.0.1"
USED_CODE_KEY = "allauth.mfa.totp.used?user=1&code=123456"


def redis_answers(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers(REACHABLE_REDIS_URL),
    reason=f"needs a Redis answering at {REACHABLE_REDIS_URL}",
)


@pytest.fixture(autouse=True)
def _no_remembered_outages():
    """Each test starts with no open circuit breaker and no recent warning."""
    resilient.forget_outages()
    yield
    resilient.forget_outages()


def unreachable(**options) -> ResilientRedisCache:
    params = {
        "KEY_PREFIX": "outage-unit",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, **options},
    }
    return ResilientRedisCache(UNREACHABLE_REDIS_URL, params)


@pytest.fixture
def redis_down():
    with override_settings(CACHES=UNREACHABLE_CACHES):
        yield


def current_code(secret: str) -> str:
    return totp_code(secret)


def outage_warnings(caplog) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.name == "elearning.core.cache" and r.levelno == logging.WARNING
    ]


def assert_unavailable_page(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    html = response.content.decode()
    assert UNAVAILABLE in html
    assert "Try again in a few minutes" in html


# --- The backend on its own -------------------------------------------------------------------


def test_fail_soft_calls_answer_like_an_empty_cache_that_keeps_nothing():
    cache = unreachable(circuit_breaker_seconds=0)  # every call really tries Redis
    assert cache.get("page-fragment") is None
    assert cache.get("page-fragment", "fallback") == "fallback"
    assert cache.set("page-fragment", "x") is None
    assert cache.add("page-fragment", "x") is False
    assert cache.delete("page-fragment") is False
    assert cache.touch("page-fragment") is False
    assert cache.has_key("page-fragment") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete_many(["a", "b"]) is None
    assert cache.get_or_set("computed", lambda: 42) == 42
    assert cache.clear() is False
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counter")
    with pytest.raises(ValueError, match="not found"):
        cache.decr("counter")


@pytest.mark.parametrize(
    "key", [RATE_LIMIT_KEY, f"{RATE_LIMIT_KEY}:lock", USED_CODE_KEY], ids=["rate", "lock", "code"]
)
def test_fail_closed_keys_raise_instead_of_answering(key):
    cache = unreachable(circuit_breaker_seconds=0)
    for call in (
        lambda: cache.add(key, True, 10),
        lambda: cache.get(key, []),
        lambda: cache.set(key, [1.0], 10),
        lambda: cache.delete(key),
        lambda: cache.incr(key),
        lambda: cache.get_many(["harmless", key]),
        lambda: cache.set_many({"harmless": 1, key: 2}),
    ):
        with pytest.raises(CacheUnavailable):
            call()


def test_fail_closed_keys_raise_while_the_circuit_breaker_is_open():
    cache = unreachable(circuit_breaker_seconds=60)
    assert cache.get("page-fragment") is None  # the failure that opens the breaker
    with pytest.raises(CacheUnavailable):
        cache.add(USED_CODE_KEY, "y", 30)
    assert cache.is_available() is False


def test_the_prefixes_match_the_keys_allauth_really_builds(db):
    """If allauth renames its keys, this fails before anything can fail open."""
    from elearning.accounts.models import User

    request = RequestFactory().post("/accounts/login/")
    request.user = mock.Mock(is_authenticated=False)
    rate = ratelimit.parse_rate("5/300s/key")
    key = ratelimit.get_cache_key(
        request, app="allauth.account", action="login_failed", rate=rate, key="a@b.c"
    )
    assert resilient.is_fail_closed(key)
    assert resilient.is_fail_closed(f"{key}:lock")
    user = User(pk=7)
    totp = TOTP(Authenticator(user=user, type=Authenticator.Type.TOTP, data={}))
    assert resilient.is_fail_closed(totp._get_used_cache_key("123 456"))
    assert not resilient.is_fail_closed("wagtail_site_root_paths")


def test_allauth_rate_limits_and_used_codes_raise_with_redis_down(db, redis_down):
    user = role_user("supervisor")
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="127.0.0.1")
    request.user = mock.Mock(is_authenticated=False)
    with pytest.raises(CacheUnavailable):
        ratelimit.consume(request, app="allauth.account", action="login", config={"login": "30/m"})
    totp = TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP))
    with pytest.raises(CacheUnavailable):
        totp.validate_code(current_code(user._totp_secret))


def test_after_a_failure_redis_is_left_alone_for_a_few_seconds():
    cache = unreachable(circuit_breaker_seconds=0.3)
    failing = mock.Mock(side_effect=redis.exceptions.ConnectionError("refused"))
    with mock.patch.object(cache._cache, "get_client", failing):
        for _ in range(5):
            assert cache.get("page-fragment") is None
        assert cache.is_available() is False
        assert failing.call_count == 1
        time.sleep(0.35)
        assert cache.get("page-fragment") is None
        assert failing.call_count == 2


def test_a_hung_redis_costs_one_socket_timeout_not_one_per_call():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # the kernel accepts connections; nothing ever answers
    try:
        port = listener.getsockname()[1]
        cache = ResilientRedisCache(
            f"redis://127.0.0.1:{port}/0",
            {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
        )
        started = time.perf_counter()
        for _ in range(10):
            assert cache.get("page-fragment", "fallback") == "fallback"
        elapsed = time.perf_counter() - started
    finally:
        listener.close()
    assert 0.2 <= elapsed < 1.5, elapsed


def test_the_outage_warning_is_logged_once_per_interval_and_hides_the_password(caplog):
    cache = ResilientRedisCache(
        "redis://:s3cret-pass@127.0.0.1:1/0",
        {"OPTIONS": {"circuit_breaker_seconds": 0, "warning_interval_seconds": 30}},
    )
    with caplog.at_level(logging.WARNING, logger="elearning.core.cache"):
        for _ in range(20):
            cache.get("page-fragment")
    warnings = outage_warnings(caplog)
    assert len(warnings) == 1
    assert "cannot be reached" in warnings[0].getMessage()
    assert "127.0.0.1:1" in warnings[0].getMessage()
    assert "s3cret" not in warnings[0].getMessage()


def test_local_memory_and_database_caches_count_as_available():
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert resilient.fail_closed_cache_available() is True


@needs_redis
def test_with_redis_reachable_the_backend_is_an_ordinary_cache(caplog):
    prefix = f"outage-test-{secrets.token_hex(6)}"
    cache = ResilientRedisCache(REACHABLE_REDIS_URL, {"KEY_PREFIX": prefix, "OPTIONS": {}})
    try:
        with caplog.at_level(logging.WARNING, logger="elearning.core.cache"):
            assert cache.is_available() is True
            assert cache.get("k", "missing") == "missing"
            cache.set("k", {"v": 1}, 30)
            assert cache.get("k") == {"v": 1}
            assert cache.add("k", "other", 30) is False
            assert cache.has_key("k") is True
            cache.set("n", 1, 30)
            assert cache.incr("n", 4) == 5
            assert cache.get_many(["k", "n", "absent"]) == {"k": {"v": 1}, "n": 5}
            assert cache.set_many({"a": 1, "b": 2}, 30) == []
            assert cache.delete("k") is True
            assert cache.get("k") is None
            # Fail-closed keys work like any other while Redis answers.
            assert cache.add(f"{RATE_LIMIT_KEY}:lock", True, 10) is True
            assert cache.add(f"{RATE_LIMIT_KEY}:lock", True, 10) is False
            assert cache.add(USED_CODE_KEY, "y", 30) is True
            assert cache.add(USED_CODE_KEY, "y", 30) is False
        assert outage_warnings(caplog) == []
    finally:
        client = redis.Redis.from_url(REACHABLE_REDIS_URL)
        stale = list(client.scan_iter(match=f"{prefix}:*"))
        if stale:
            client.delete(*stale)


def test_the_shared_cache_settings_use_the_resilient_backend_with_short_timeouts():
    from tests.core.test_settings_and_demo import production_setting

    code = (
        "from django.conf import settings; c = settings.CACHES['default']; "
        "print(c['BACKEND'], c['OPTIONS']['socket_connect_timeout'], "
        "c['OPTIONS']['socket_timeout'], settings.SESSION_ENGINE)"
    )
    backend, connect, read, sessions = production_setting(
        code, REDIS_URL="redis://cache:6379/0"
    ).split()
    assert backend == "elearning.core.cache.ResilientRedisCache"
    assert float(connect) <= 0.5 and float(read) <= 0.5
    # Sessions live in the database, so signed-in people stay signed in without Redis.
    assert sessions == "django.contrib.sessions.backends.db"


# --- Whole requests with Redis away -----------------------------------------------------------


@pytest.mark.django_db
def test_reading_pages_works_without_the_cache(redis_down, caplog):
    from elearning.library.demo import seed_demo
    from elearning.library.models import OneMinuteGuidePage

    seed_demo()
    guide = OneMinuteGuidePage.objects.live().first()
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.WARNING, logger="elearning.core.cache"):
        for url in ("/", guide.url, "/search/?q=neglect", "/accessibility/", "/healthz"):
            response = client.get(url)
            assert response.status_code == 200, url
    # The pages really went to Redis and were built without it.
    assert len(outage_warnings(caplog)) == 1


@pytest.mark.django_db
def test_the_readiness_check_reports_the_cache_as_failing(redis_down):
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert "cache failing: CacheUnavailable" in response.content.decode()
    assert "database ok" in response.content.decode()


@pytest.mark.django_db
def test_people_already_signed_in_keep_reading(redis_down, login):
    client = login(role_user("practitioner"))
    client.raise_request_exception = False
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_sign_in_forms_are_not_shown_when_they_cannot_work(redis_down, name):
    assert_unavailable_page(Client().get(reverse(name)))


@pytest.mark.django_db
def test_the_sign_in_form_is_shown_when_redis_answers():
    # The pre-check is what answers 503 above, not the page itself.
    response = Client().get(reverse("account_login"))
    assert response.status_code == 200
    assert UNAVAILABLE not in response.content.decode()


@pytest.mark.django_db
def test_signing_in_with_the_right_password_is_refused_and_nobody_is_signed_in():
    user = role_user("practitioner")
    data = {"login": user.email, "password": PASSWORD}
    with override_settings(CACHES=UNREACHABLE_CACHES):
        client = Client()
        assert_unavailable_page(client.post(reverse("account_login"), data))
        assert "_auth_user_id" not in client.session
        follow_up = client.get(reverse("dashboard"))
        assert follow_up.status_code == 302
        assert follow_up["Location"].startswith(reverse("account_login"))
    # The same request signs in once the cache is back: the 503 was not a wrong password.
    client = Client()
    assert client.post(reverse("account_login"), data).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_password_reset_is_refused_and_sends_nothing(redis_down, mailoutbox):
    user = role_user("practitioner")
    response = Client().post(reverse("account_reset_password"), {"email": user.email})
    assert_unavailable_page(response)
    assert mailoutbox == []


@pytest.mark.django_db
def test_creating_an_account_is_refused_and_stores_nothing(redis_down):
    from elearning.accounts.models import User

    data = {
        "first_name": "Rosa",
        "last_name": "Lane",
        "email": "rosa.lane@example.org",
        "agency": AgencyFactory().pk,
        "job_title": "School nurse",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    assert_unavailable_page(Client().post(reverse("account_signup"), data))
    assert not User.objects.filter(email="rosa.lane@example.org").exists()


@pytest.mark.django_db
def test_a_correct_one_time_code_is_refused_while_redis_is_away_and_works_after():
    user = role_user("supervisor")
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    code = current_code(user._totp_secret)

    with override_settings(CACHES=UNREACHABLE_CACHES):
        assert_unavailable_page(client.get(reverse("mfa_authenticate")))
        resilient.forget_outages()  # so the POST really reaches the code check
        assert_unavailable_page(client.post(reverse("mfa_authenticate"), {"code": code}))
        assert "_auth_user_id" not in client.session
        assert client.get(reverse("dashboard")).status_code == 302

    # The code was not used up by the refused attempt.
    ok = client.post(reverse("mfa_authenticate"), {"code": code})
    assert ok.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@needs_redis
@pytest.mark.django_db
def test_signing_in_works_through_the_resilient_backend_when_redis_answers():
    prefix = f"outage-test-{secrets.token_hex(6)}"
    caches = {
        "default": {
            "BACKEND": "elearning.core.cache.ResilientRedisCache",
            "LOCATION": REACHABLE_REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    user = role_user("practitioner")
    try:
        with override_settings(CACHES=caches):
            client = Client()
            assert client.get(reverse("account_login")).status_code == 200
            response = client.post(
                reverse("account_login"), {"login": user.email, "password": PASSWORD}
            )
            assert response.status_code == 302
            assert client.session["_auth_user_id"] == str(user.pk)
            # The rate limit really was kept in Redis.
            keys = redis.Redis.from_url(REACHABLE_REDIS_URL).keys(f"{prefix}:*allauth:rl:*")
            assert keys
    finally:
        client = redis.Redis.from_url(REACHABLE_REDIS_URL)
        stale = list(client.scan_iter(match=f"{prefix}:*"))
        if stale:
            client.delete(*stale)


# --- The page itself --------------------------------------------------------------------------


class _Outline(HTMLParser):
    """Just enough structure for the checks a screen reader user relies on."""

    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.title = ""
        self.h1s = 0
        self.ids: set[str] = set()
        self.skip_target = None
        self.main = 0
        self.links_without_text = 0
        self._in_title = False
        self._link_text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.h1s += 1
        elif tag == "main":
            self.main += 1
        elif tag == "a":
            if "govuk-skip-link" in (attrs.get("class") or ""):
                self.skip_target = (attrs.get("href") or "").lstrip("#")
            self._link_text = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "a" and self._link_text is not None:
            if not "".join(self._link_text).strip():
                self.links_without_text += 1
            self._link_text = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._link_text is not None:
            self._link_text.append(data)


@pytest.mark.django_db
def test_the_unavailable_page_is_a_proper_site_page(redis_down):
    response = Client().get(reverse("account_login"))
    assert_unavailable_page(response)
    outline = _Outline()
    outline.feed(response.content.decode())
    assert outline.html_lang == "en-GB"
    assert outline.title.strip().startswith(UNAVAILABLE)
    assert outline.h1s == 1
    assert outline.main == 1
    assert outline.skip_target and outline.skip_target in outline.ids
    assert outline.links_without_text == 0
    # Built like every other page: the site's header and the content security policy.
    assert "govuk-service-navigation" in response.content.decode()
    assert "Content-Security-Policy" in response
