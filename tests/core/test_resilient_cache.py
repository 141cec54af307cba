"""The resilient Redis cache on its own: fail soft for what only speeds pages up, fail
closed for allauth's rate limits and used one-time codes, a circuit breaker, bounded time and
logging when Redis is away, and an ordinary cache when it answers."""

import logging
import secrets
import socket
import time
from unittest import mock

import pytest
import redis
from allauth.core.internal import ratelimit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.test import RequestFactory

from elearning.core import cache as resilient
from elearning.core.cache import CacheUnavailable, ResilientRedisCache
from tests.factories import role_user, totp_code

from .outage import (
    RATE_LIMIT_KEY,
    REACHABLE_REDIS_URL,
    USED_CODE_KEY,
    needs_redis,
    outage_warnings,
    unreachable,
)

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
        totp.validate_code(totp_code(user._totp_secret))


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
