"""Fixtures for the core tests."""

import pytest
from django.test import override_settings

from elearning.core import cache as resilient
from elearning.settings.test_redis_down import CACHES as UNREACHABLE_CACHES


@pytest.fixture(autouse=True)
def _no_remembered_outages():
    """Each test starts with no open circuit breaker and no recent warning."""
    resilient.forget_outages()
    yield
    resilient.forget_outages()


@pytest.fixture
def redis_down():
    with override_settings(CACHES=UNREACHABLE_CACHES):
        yield
