"""Course and session ids in URLs that no row could have (past the database's integer range)
are a 404, not a server error."""

import pytest
from django.urls import reverse

from tests.factories import role_user

pytestmark = pytest.mark.django_db

HUGE = 2**63


@pytest.mark.parametrize(
    ("name", "method"),
    [("courses:enrol", "post"), ("courses:resume", "get"), ("courses:evaluation", "get")],
)
def test_a_course_id_past_the_integer_range_is_not_found(login, name, method):
    client = login(role_user("practitioner"))
    response = getattr(client, method)(reverse(name, args=[HUGE]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["courses:session_detail", "courses:session_ics"])
def test_a_session_id_past_the_integer_range_is_not_found(login, name):
    response = login(role_user("practitioner")).get(reverse(name, args=[HUGE]))
    assert response.status_code == 404
