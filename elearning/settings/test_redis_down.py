"""Test settings with the shared cache configured but unreachable (nothing listens on port 1).

tests/core/test_cache_outage.py switches to ``CACHES`` from here with ``override_settings``.
Any other part of the suite can be run against a Redis outage the same way, or as a whole:

    DJANGO_SETTINGS_MODULE=elearning.settings.test_redis_down .venv/bin/pytest tests/library
"""

from .test import *  # noqa: F403

UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"

CACHES = {
    "default": {
        "BACKEND": "elearning.core.cache.ResilientRedisCache",
        "LOCATION": UNREACHABLE_REDIS_URL,
        "KEY_PREFIX": "elearning-test-redis-down",
        "OPTIONS": {
            "socket_connect_timeout": 0.25,
            "socket_timeout": 0.25,
            "circuit_breaker_seconds": 5,
            "warning_interval_seconds": 30,
        },
    }
}
