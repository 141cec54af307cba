"""The shared Redis cache, built so that Redis being away degrades the site without breaking it.

Most of what the cache holds only speeds pages up (Wagtail's site root paths, locale names).
When Redis cannot be reached those calls *fail soft*: the cache behaves as if it were empty
and forgets whatever it is given, so the page is built the slow way. A warning is logged, at
most once every ``warning_interval_seconds`` per process.

A few keys are security checks, and skipping them would let people in: allauth's rate limits
(which also lock accounts after repeated failed sign-ins) and its record of one-time codes
already used. Calls on those keys *fail closed*: they raise :class:`CacheUnavailable`, which
``elearning.core.middleware.CacheUnavailableMiddleware`` turns into a "Sign-in is unavailable
for a moment" page (status 503).

After a failure the backend does not try Redis again for ``circuit_breaker_seconds``, so a
page that makes several cache calls pays for at most one connection attempt (each bounded by
the socket timeouts in the CACHES settings) rather than one per call.

Options (in ``CACHES["default"]["OPTIONS"]``, alongside redis-py's own):

``circuit_breaker_seconds``
    How long to skip Redis after a failure (default 5).
``warning_interval_seconds``
    The shortest time between two outage warnings in the log (default 30).
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ReadOnlyError as RedisReadOnlyError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Keys (as callers name them, before KEY_PREFIX and the version are added) whose loss would
# let someone in. Read from allauth 65:
# - allauth/core/internal/ratelimit.py get_cache_key: "allauth:rl:<app>:<action>:<rate>:...",
#   and cache_lock's "<that key>:lock", which starts the same way;
# - allauth/mfa/totp/internal/auth.py TOTP._get_used_cache_key:
#   "allauth.mfa.totp.used?user=<id>&code=<code>".
# The project's own code keeps nothing security-relevant in the cache; its one other use is
# the readiness probe (elearning.core.views._check_cache, "readyz:<random>"), which must see
# an outage as an error rather than as an empty cache.
FAIL_CLOSED_PREFIXES: tuple[str, ...] = (
    "allauth:rl:",
    "allauth.mfa.totp.used?",
    "readyz:",
)

# What "Redis is away" looks like from redis-py: refused or dropped connections, timeouts
# (AuthenticationError and BusyLoadingError are ConnectionErrors too), and a replica that was
# promoted mid-failover refusing writes.
OUTAGE_ERRORS: tuple[type[Exception], ...] = (
    RedisConnectionError,
    RedisTimeoutError,
    RedisReadOnlyError,
)

DEFAULT_CIRCUIT_BREAKER_SECONDS = 5.0
DEFAULT_WARNING_INTERVAL_SECONDS = 30.0


class CacheUnavailable(Exception):
    """The shared cache cannot be reached for a check that must not be skipped."""


def is_fail_closed(key: Any) -> bool:
    return isinstance(key, str) and key.startswith(FAIL_CLOSED_PREFIXES)


def fail_closed_cache_available(alias: str = "default") -> bool:
    """Whether the security checks kept in the cache can run now.

    Only a resilient Redis backend can be away without the whole site being away; any other
    backend (local memory, the database cache) counts as available.
    """
    check = getattr(caches[alias], "is_available", None)
    return True if check is None else check()


def _safe_location(server: str) -> str:
    """host:port/db of a Redis URL, without any user name or password, for the log."""
    try:
        parts = urllib.parse.urlsplit(server)
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"
    except ValueError:
        return "(unparseable Redis URL)"


class _Outage:
    """Per-process record of one Redis location's health: shared by every thread's backend
    instance (Django makes one per thread), hence module-level and locked."""

    def __init__(self, location: str):
        self.location = location
        self.lock = threading.Lock()
        self.skip_until = 0.0  # time.monotonic() before which Redis is not tried
        self.down = False
        self.last_warning: float | None = None
        self.unlogged_failures = 0

    def skipping(self) -> bool:
        return time.monotonic() < self.skip_until

    def failed(self, error: Exception, operation: str, *, breaker: float, interval: float):
        now = time.monotonic()
        with self.lock:
            self.skip_until = now + breaker
            self.down = True
            self.unlogged_failures += 1
            if self.last_warning is not None and now - self.last_warning < interval:
                return
            self.last_warning = now
            failures, self.unlogged_failures = self.unlogged_failures, 0
        logger.warning(
            "Shared cache %s cannot be reached (%s during %s: %s); %d failed call(s) since "
            "the last warning. Pages are built without the cache and sign-in answers "
            "'unavailable' until it is back. Not trying again for %.0f s.",
            self.location,
            type(error).__name__,
            operation,
            error,
            failures,
            breaker,
        )

    def succeeded(self):
        if not self.down:
            return
        with self.lock:
            if not self.down:
                return
            self.down = False
            self.unlogged_failures = 0
        logger.warning("Shared cache %s is answering again.", self.location)


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        if location not in _outages:
            _outages[location] = _Outage(location)
        return _outages[location]


def forget_outages() -> None:
    """Forget every recorded failure (open circuit breakers, warning times). For tests."""
    with _outages_lock:
        _outages.clear()


def _false():
    return False


def _none():
    return None


def _not_found(key):
    def fallback():
        # An empty cache answers incr() on a missing key this way.
        raise ValueError(f"Key '{key}' not found.")

    return fallback


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, failing soft for speed-ups and closed for security checks."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.circuit_breaker_seconds = float(
            options.pop("circuit_breaker_seconds", DEFAULT_CIRCUIT_BREAKER_SECONDS)
        )
        self.warning_interval_seconds = float(
            options.pop("warning_interval_seconds", DEFAULT_WARNING_INTERVAL_SECONDS)
        )
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = ",".join(_safe_location(server) for server in self._servers)

    @property
    def _outage(self) -> _Outage:
        return _outages.get(self._location) or _outage_for(self._location)

    # --- The guard every operation goes through -------------------------------------------

    def _guarded(
        self,
        operation: str,
        keys: Iterable[Any],
        fallback: Callable[[], Any],
        call: Callable,
        *args,
    ):
        closed = any(is_fail_closed(key) for key in keys)
        if self._outage.skipping():
            if closed:
                raise CacheUnavailable(
                    f"The shared cache ({self._outage.location}) failed a moment ago."
                )
            return fallback()
        try:
            result = call(*args)
        except OUTAGE_ERRORS as error:
            self._outage.failed(
                error,
                operation,
                breaker=self.circuit_breaker_seconds,
                interval=self.warning_interval_seconds,
            )
            if closed:
                raise CacheUnavailable(
                    f"The shared cache ({self._outage.location}) cannot be reached."
                ) from error
            return fallback()
        self._outage.succeeded()
        return result

    def is_available(self) -> bool:
        """A cheap PING; False straight away while the circuit breaker is open."""
        if self._outage.skipping():
            return False
        try:
            self._cache.get_client(write=True).ping()
        except OUTAGE_ERRORS as error:
            self._outage.failed(
                error,
                "ping",
                breaker=self.circuit_breaker_seconds,
                interval=self.warning_interval_seconds,
            )
            return False
        self._outage.succeeded()
        return True

    # --- Django's cache API ---------------------------------------------------------------
    # The fallbacks are what an empty cache that keeps nothing would answer. The rest of
    # BaseCache (get_or_set, decr, incr_version, the async methods ...) is built on these.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", [key], _false, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guarded("get", [key], lambda: default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", [key], _none, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", [key], _false, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded("delete", [key], _false, super().delete, key, version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", [key], _false, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        return self._guarded("incr", [key], _not_found(key), super().incr, key, delta, version)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._guarded("get_many", keys, dict, super().get_many, keys, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: set_many returns the keys it could not store.
        return self._guarded(
            "set_many", data, lambda: list(data), super().set_many, data, timeout, version
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._guarded("delete_many", keys, _none, super().delete_many, keys, version)

    def clear(self):
        return self._guarded("clear", [], _false, super().clear)
