"""The one rate-limit helper the project's own views use (PDFs, certificate checks)."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from elearning.core import ratelimit

pytestmark = pytest.mark.django_db


def _request(ip="192.0.2.10", user=None):
    request = RequestFactory().get("/", REMOTE_ADDR=ip)
    request.user = user or AnonymousUser()
    return request


def _hits(request, times, rate="3/m/ip"):
    return [ratelimit.hit(request, app="tests", action="lookup", rate=rate) for _ in range(times)]


def test_refuses_after_the_limit_and_frees_up_after_the_period():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert _hits(_request(), 4) == [True, True, True, False]
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, 59, tzinfo=datetime.UTC)):
        assert _hits(_request(), 1) == [False]
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 1, 1, tzinfo=datetime.UTC)):
        assert _hits(_request(), 4) == [True, True, True, False]


def test_counts_each_client_address_on_its_own():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert _hits(_request("192.0.2.10"), 4) == [True, True, True, False]
        assert _hits(_request("198.51.100.7"), 1) == [True]


def test_a_per_person_limit_counts_each_person_on_its_own(practitioner, other_practitioner):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert _hits(_request(user=practitioner), 3, rate="2/m/user") == [True, True, False]
        assert _hits(_request(user=other_practitioner), 1, rate="2/m/user") == [True]
