"""The visibility rules read a person's own rows through indexes, never the whole table.

Written as one OR over joined rows, records_visible_to made SQLite read every record in the
partnership (30,000 at the benchmark's volume) to find a person's few: 20 ms of every signed-in
dashboard. Each way in is now its own indexed subquery. Which records each relationship opens
is proved by the relationship matrix (test_relationship_matrix.py); this checks the plan only.

The plan is SQLite's (EXPLAIN QUERY PLAN): PostgreSQL's planner rightly scans tables this small
in a test database, so its plan says nothing about volume there.
"""

import pytest
from django.db import connection

from supervision import permissions
from tests.factories import role_user
from tests.supervision.factories import propose

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN output"
    ),
]


def plan(queryset) -> list[str]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[3] for row in cursor.fetchall()]


def table_scans(queryset) -> list[str]:
    return [step for step in plan(queryset) if step.startswith("SCAN ")]


@pytest.fixture
def supervisor():
    user = role_user("supervisor")
    propose(supervisor=user)
    return user


def test_records_visible_to_a_supervisor_use_indexes(supervisor):
    steps = plan(permissions.records_visible_to(supervisor))
    assert not [s for s in steps if s.startswith("SCAN ")], steps
    assert any("supervisor_id=?" in s for s in steps), steps
    assert any("shared_with_id=?" in s for s in steps), steps


def test_records_visible_to_a_supervisee_use_indexes():
    user = role_user("practitioner")
    assert table_scans(permissions.records_visible_to(user)) == []


def test_escalations_visible_to_use_indexes(supervisor):
    steps = plan(permissions.escalations_visible_to(supervisor))
    assert not [s for s in steps if s.startswith("SCAN ")], steps
    assert any("recipient_id=?" in s for s in steps), steps
