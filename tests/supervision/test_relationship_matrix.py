"""The authorisation matrix's relationship dimension: every supervision URL, opened by each
person who has, had or tried to get a relationship with one supervisee.

The roles matrix (tests/security) proves partnership staff and admins see nothing; this one
proves access follows the agreement a record was written under, consent, the end of an
agreement and its grace period, handover and sharing. See ``relationships.py`` for the world
and its hand count. Run it alone with:

    make test PYTEST_ARGS="tests/supervision/test_relationship_matrix.py"
"""

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse

from supervision.models import AccessLogEntry, Record
from tests.security.matrix import LOGIN, REDIRECT

from .relationships import (
    ANON,
    BACKDATER,
    CURRENT,
    FORMER,
    GRACE,
    OTHER,
    PROPOSED,
    RECIPIENT,
    RELATIONSHIPS,
    SELF_ADMIN,
    STAFF,
    SUPERVISEE,
    build_world,
)

pytestmark = pytest.mark.django_db


@dataclass
class Cell:
    name: str
    target: str  # what the URL points at, for the test id
    args: object  # world -> kwargs
    allowed: dict = field(default_factory=dict)  # relationship -> outcome; others get 404
    method: str = "GET"

    def expected(self) -> dict:
        result = dict.fromkeys(RELATIONSHIPS, 404)
        result[ANON] = LOGIN
        result.update(self.allowed)
        return result


def rec(key):
    return lambda w: {"record_id": w[key].pk}


def agr(key):
    return lambda w: {"agreement_id": w[key].pk}


OWN = dict.fromkeys([r for r in RELATIONSHIPS if r != ANON], 200)

CELLS = [
    # Records: reached only through their own agreement, while it is current.
    Cell(
        "supervision:record_detail", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}
    ),
    Cell(
        "supervision:record_detail",
        "old record shared with the next supervisor",
        rec("r_old_shared"),
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell("supervision:record_detail", "old record, not shared", rec("r_old2"), {SUPERVISEE: 200}),
    Cell(
        "supervision:record_detail",
        "sent to the former supervisor, grace over",
        rec("r_f1_sent"),
        {SUPERVISEE: 200},
    ),
    Cell(
        "supervision:record_detail",
        "sent to the former supervisor, within grace",
        rec("r_grace"),
        {SUPERVISEE: 200, GRACE: 200},
    ),
    # Copies (print and PDF): the two parties only, while the record's agreement is current.
    # Neither the signing grace period nor a share lets anyone take a copy.
    Cell(
        "supervision:record_print", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}
    ),
    Cell("supervision:record_print", "old record", rec("r_old2"), {SUPERVISEE: 200}),
    Cell("supervision:record_print", "within grace", rec("r_grace"), {SUPERVISEE: 200}),
    Cell("supervision:record_print", "old record shared", rec("r_old_shared"), {SUPERVISEE: 200}),
    Cell("supervision:record_pdf", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}),
    Cell("supervision:record_pdf", "within grace", rec("r_grace"), {SUPERVISEE: 200}),
    Cell("supervision:record_pdf", "old record shared", rec("r_old_shared"), {SUPERVISEE: 200}),
    Cell("supervision:record_edit", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}),
    Cell(
        "supervision:record_edit",
        "old record shared",
        rec("r_old_shared"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT},
    ),
    Cell("supervision:record_edit", "old record", rec("r_old2"), {SUPERVISEE: REDIRECT}),
    Cell(
        "supervision:record_edit",
        "within grace",
        rec("r_grace"),
        {SUPERVISEE: REDIRECT, GRACE: REDIRECT},
    ),
    Cell(
        "supervision:actions_review", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}
    ),
    Cell(
        "supervision:discussion_add", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}
    ),
    Cell(
        "supervision:discussion_edit",
        "current draft",
        lambda w: {"record_id": w["r_cur"].pk, "discussion_id": w["d_cur"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:discussion_edit",
        "old record",
        lambda w: {"record_id": w["r_old2"].pk, "discussion_id": w["d_old2"].pk},
        {SUPERVISEE: REDIRECT},
    ),
    Cell(
        "supervision:discussion_delete",
        "old record, escalated",
        lambda w: {"record_id": w["r_old2"].pk, "discussion_id": w["d_old2"].pk},
        {SUPERVISEE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:reflection_add",
        "current draft",
        rec("r_cur"),
        {SUPERVISEE: 200, CURRENT: REDIRECT},
    ),
    Cell(
        "supervision:reflection_edit",
        "current draft",
        lambda w: {"record_id": w["r_cur"].pk, "entry_id": w["e_cur"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:record_sign",
        "within grace",
        rec("r_grace"),
        {SUPERVISEE: REDIRECT, GRACE: 200},
    ),
    Cell("supervision:record_sign", "grace over", rec("r_f1_sent"), {SUPERVISEE: REDIRECT}),
    Cell(
        "supervision:record_send",
        "current draft",
        rec("r_cur"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:record_return",
        "within grace",
        rec("r_grace"),
        {SUPERVISEE: REDIRECT, GRACE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:addendum_add",
        "old record",
        rec("r_old2"),
        {SUPERVISEE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:addendum_add",
        "old record shared",
        rec("r_old_shared"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:record_share",
        "old record",
        rec("r_old2"),
        {SUPERVISEE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:record_share_revoke",
        "share with the next supervisor",
        lambda w: {"record_id": w["r_old_shared"].pk, "share_id": w["share"].pk},
        {SUPERVISEE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:escalation_create",
        "current draft",
        lambda w: {"record_id": w["r_cur"].pk, "discussion_id": w["d_cur"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:escalation_create",
        "old record",
        lambda w: {"record_id": w["r_old2"].pk, "discussion_id": w["d_old2"].pk},
        {SUPERVISEE: 200},
    ),
    Cell(
        "supervision:escalation_detail",
        "escalation from an old record",
        lambda w: {"escalation_id": w["escalation"].pk},
        {SUPERVISEE: 200, RECIPIENT: 200},
    ),
    # Cases and flags follow the supervisee to their current supervisors.
    Cell(
        "supervision:case_timeline",
        "the supervisee's case",
        lambda w: {"case_id": w["case"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:flag_detail",
        "open flag from the old agreement",
        lambda w: {"flag_id": w["flag_open"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:flag_detail",
        "closed flag from the old agreement",
        lambda w: {"flag_id": w["flag_closed"].pk},
        {SUPERVISEE: 200},
    ),
    # Agreements: parties and admins read them; only the supervisee answers; only a proposal
    # changes; nothing starts under an ended or unanswered agreement.
    Cell(
        "supervision:agreement_detail",
        "current",
        agr("current"),
        {SUPERVISEE: 200, CURRENT: 200, SELF_ADMIN: 200},
    ),
    Cell(
        "supervision:agreement_detail",
        "ended",
        agr("old"),
        {SUPERVISEE: 200, FORMER: 200, SELF_ADMIN: 200},
    ),
    Cell(
        "supervision:agreement_detail",
        "proposal",
        agr("proposal"),
        {SUPERVISEE: 200, PROPOSED: 200, SELF_ADMIN: 200},
    ),
    Cell(
        "supervision:agreement_answer",
        "proposal",
        agr("proposal"),
        {SUPERVISEE: 200, PROPOSED: REDIRECT},
    ),
    Cell(
        "supervision:agreement_answer",
        "current",
        agr("current"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT},
    ),
    Cell(
        "supervision:agreement_edit",
        "proposal",
        agr("proposal"),
        {SUPERVISEE: REDIRECT, PROPOSED: 200, SELF_ADMIN: 200},
    ),
    Cell(
        "supervision:agreement_edit",
        "ended (extending it)",
        agr("old"),
        {SUPERVISEE: REDIRECT, FORMER: REDIRECT, SELF_ADMIN: REDIRECT},
    ),
    Cell(
        "supervision:agreement_edit",
        "current",
        agr("current"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT, SELF_ADMIN: REDIRECT},
    ),
    Cell(
        "supervision:agreement_end",
        "ended",
        agr("old"),
        {SUPERVISEE: REDIRECT, FORMER: REDIRECT, SELF_ADMIN: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:agreement_end",
        "current",
        agr("current"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT, SELF_ADMIN: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:record_start",
        "current",
        agr("current"),
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:record_start",
        "ended",
        agr("old"),
        {SUPERVISEE: REDIRECT, FORMER: REDIRECT},
    ),
    Cell(
        "supervision:record_start",
        "proposal",
        agr("proposal"),
        {SUPERVISEE: REDIRECT, PROPOSED: REDIRECT},
    ),
    # Each person's own pages.
    Cell("supervision:home", "own", lambda w: {}, OWN),
    Cell("supervision:agreement_list", "own", lambda w: {}, OWN),
    Cell(
        "supervision:agreement_create",
        "propose",
        lambda w: {},
        {CURRENT: 200, FORMER: 200, GRACE: 200, PROPOSED: 200, BACKDATER: 200, SELF_ADMIN: 200},
    ),
    Cell("supervision:escalation_list", "own", lambda w: {}, OWN),
    Cell("supervision:access_log", "own", lambda w: {}, OWN),
    Cell("supervision:cpd_export_page", "own", lambda w: {}, OWN),
]

# Signed-in relationships that must never reach a record's content, whatever the URL.
OUTSIDERS = (OTHER, STAFF, SELF_ADMIN, BACKDATER, PROPOSED)


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
