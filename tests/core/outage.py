"""What the Redis-outage tests share: an unreachable resilient cache, the page they expect,
and a Redis to compare with where one answers (see test_cache_outage, test_resilient_cache)."""

import logging
import os
import socket
import urllib.parse

import pytest

from elearning.core.cache import ResilientRedisCache
from elearning.settings.test_redis_down import UNREACHABLE_REDIS_URL

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


def unreachable(**options) -> ResilientRedisCache:
    params = {
        "KEY_PREFIX": "outage-unit",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, **options},
    }
    return ResilientRedisCache(UNREACHABLE_REDIS_URL, params)


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
