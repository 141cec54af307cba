"""The authorisation matrix's relationship dimension: every supervision URL, opened by each
person who has, had or tried to get a relationship with one supervisee.

The roles matrix (tests/security) proves partnership staff and admins see nothing; this one
proves access follows the agreement a record was written under, consent, the end of an
agreement and its grace period, handover and sharing. See ``relationships.py`` for the world
and its hand count, and ``relationship_cells.py`` for each URL's declared outcomes. Run it
alone with:

    make test PYTEST_ARGS="tests/supervision/test_relationship_matrix.py"
"""

import pytest
from django.test import Client
from django.urls import reverse

from supervision.models import AccessLogEntry, Record
from tests.security.matrix import LOGIN, REDIRECT

from .relationship_cells import CELLS, OUTSIDERS, Cell
from .relationships import (
    ANON,
    CURRENT,
    FORMER,
    GRACE,
    RELATIONSHIPS,
    SUPERVISEE,
    build_world,
)

pytestmark = pytest.mark.django_db


def _client(world, relationship) -> Client:
    client = Client()
    if relationship != ANON:
        client.force_login(
            world["users"][relationship], backend="django.contrib.auth.backends.ModelBackend"
        )
    return client


def _outcome(response):
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        return LOGIN if location.startswith(reverse("account_login")) else REDIRECT
    return response.status_code


def _cell_id(cell: Cell) -> str:
    return f"{cell.name.split(':')[1]}[{cell.target}]"


@pytest.mark.parametrize("cell", CELLS, ids=_cell_id)
def test_each_relationship_gets_the_declared_outcome(cell):
    world = build_world()
    url = reverse(cell.name, kwargs=cell.args(world))
    expected = cell.expected()
    actual = {}
    for relationship in RELATIONSHIPS:
        client = _client(world, relationship)
        response = client.post(url) if cell.method == "POST" else client.get(url)
        actual[relationship] = _outcome(response)
    wrong = {
        r: f"expected {expected[r]}, got {actual[r]}"
        for r in RELATIONSHIPS
        if actual[r] != expected[r]
    }
    assert not wrong, f"{cell.name} [{cell.target}] ({url}): {wrong}"


def test_every_supervision_url_is_in_the_relationship_matrix():
    from supervision.urls import urlpatterns

    served = {f"supervision:{p.name}" for p in urlpatterns}
    covered = {cell.name for cell in CELLS}
    # The CPD file and "discuss in supervision" hold only the person's own data: the roles
    # matrix and tests/supervision/test_views.py cover them.
    assert served - covered == {"supervision:cpd_export", "supervision:topic_add"}


def test_home_lists_exactly_the_records_each_relationship_may_open():
    world = build_world()
    records = {
        key: world[key] for key in ("r_old_shared", "r_old2", "r_f1_sent", "r_grace", "r_cur")
    }
    sees = {
        SUPERVISEE: set(records),
        CURRENT: {"r_cur", "r_old_shared"},
        GRACE: {"r_grace"},
    }
    for relationship in RELATIONSHIPS[1:]:
        page = _client(world, relationship).get(reverse("supervision:home")).content.decode()
        shown = {key for key, record in records.items() if record.get_absolute_url() in page}
        assert shown == sees.get(relationship, set()), relationship


def test_the_next_supervisor_sees_the_flag_figures_not_the_old_records_text():
    world = build_world()
    client = _client(world, CURRENT)
    flag = client.get(world["flag_open"].get_absolute_url()).content.decode()
    assert "Three &#x27;no&#x27; in a row" in flag
    timeline = client.get(reverse("supervision:case_timeline", args=[world["case"].pk]))
    text = timeline.content.decode()
    assert "Old secret" not in text
    assert world["r_old2"].get_absolute_url() not in text
    assert world["r_cur"].get_absolute_url() in text
    assert "F1&#x27;s private reasoning" not in text


def test_a_shared_record_hides_wellbeing_and_stops_when_revoked():
    from supervision import services

    world = build_world()
    shared = world["r_old_shared"]
    Record.objects.filter(pk=shared.pk).update(wellbeing="Private wellbeing note")
    client = _client(world, CURRENT)
    page = client.get(shared.get_absolute_url()).content.decode()
    assert "Private wellbeing note" not in page
    assert "shared this record with you" in page
    services.record_share_revoke(by=world["users"][SUPERVISEE], share=world["share"])
    assert client.get(shared.get_absolute_url()).status_code == 404


def test_refused_people_write_no_reads_to_the_access_log():
    world = build_world()
    before = AccessLogEntry.objects.filter(action="view").count()
    for relationship in OUTSIDERS + (FORMER,):
        client = _client(world, relationship)
        for key in ("r_old2", "r_f1_sent", "r_cur"):
            assert client.get(world[key].get_absolute_url()).status_code == 404
    assert AccessLogEntry.objects.filter(action="view").count() == before
