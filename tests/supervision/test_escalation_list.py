"""The escalations page: each person finds the escalations sent to them and those they raised,
through the same permission that opens an escalation, and nothing else.

In ``relationships.build_world`` there is one escalation: raised by F1 (the former supervisor,
whose agreement ended 30 days ago) from a locked record of S, and sent to E (the recipient).
So E sees it as "sent to you", S sees it as "in records you can read", and F1, who raised it,
no longer sees it at all: the agreement ended, so the record closed to them.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervision import permissions, selectors, services
from supervision.models import AccessLogEntry, CaseDiscussion, CaseReference, Escalation
from tests.factories import UserFactory, role_user

from .factories import add_discussion, make_agreement, make_record
from .relationships import FORMER, RECIPIENT, RELATIONSHIPS, SUPERVISEE, build_world

pytestmark = pytest.mark.django_db

URL = reverse("supervision:escalation_list")


def _escalate(discussion, *, by, to, reason="Stuck"):
    discussion.record.refresh_from_db()
    return services.escalation_create(
        by=by,
        discussion=discussion,
        recipient=to,
        stage="manager",
        reason=reason,
        escalated_on=discussion.record.held_on,
    )


def _shown(page: str, escalations) -> set:
    return {e.pk for e in escalations if e.get_absolute_url() in page}


def test_each_relationship_lists_exactly_the_escalations_it_may_open(login):
    world = build_world()
    # Read again: the world's copy holds the agreement as it was before it ended.
    escalation = Escalation.objects.get(pk=world["escalation"].pk)
    expected_tab = {RECIPIENT: "sent", SUPERVISEE: "other"}
    for relationship in RELATIONSHIPS[1:]:
        user = world["users"][relationship]
        can_open = permissions.can_view_escalation(user, escalation)
        # The queryset twin and the single-object decision agree.
        assert permissions.escalations_visible_to(user).filter(pk=escalation.pk).exists() == (
            can_open
        ), relationship
        client = login(user)
        listed = set()
        for tab in selectors.ESCALATION_LISTS:
            page = client.get(URL, {"show": tab}).content.decode()
            if escalation.get_absolute_url() in page:
                listed.add(tab)
        assert listed == ({expected_tab[relationship]} if can_open else set()), relationship
        assert can_open == (relationship in expected_tab), relationship
        if can_open:
            assert client.get(escalation.get_absolute_url()).status_code == 200


def test_what_is_sent_to_a_person_is_always_part_of_what_they_may_see():
    """``escalations_sent_to`` skips the look at the records: it must never open more."""
    from django.contrib.auth.models import AnonymousUser

    world = build_world()
    for relationship in RELATIONSHIPS:
        user = world["users"].get(relationship) or AnonymousUser()
        sent = set(permissions.escalations_sent_to(user).values_list("pk", flat=True))
        visible = set(permissions.escalations_visible_to(user).values_list("pk", flat=True))
        assert sent <= visible, relationship
        assert sent == {e.pk for e in Escalation.objects.all() if e.recipient_id == user.pk}, (
            relationship
        )


def test_the_panel_stays_for_a_recipient_whose_escalations_all_have_outcomes(login):
    record = make_record(make_agreement())
    recipient = UserFactory()
    escalation = _escalate(add_discussion(record), by=record.supervisor, to=recipient)
    Escalation.objects.filter(pk=escalation.pk).update(outcome="Resolved at the meeting")
    panel = login(recipient).get(reverse("dashboard")).content.decode()
    assert "Go to supervision" in panel
    assert "waiting for an outcome" not in panel
    assert (
        "Go to supervision" not in login(UserFactory()).get(reverse("dashboard")).content.decode()
    )


def test_the_former_supervisor_who_raised_it_no_longer_lists_it(login):
    world = build_world()
    page = login(world["users"][FORMER]).get(URL, {"show": "raised"}).content.decode()
    assert world["escalation"].get_absolute_url() not in page
    assert "Raised by you (0)" in page


def test_sent_to_you_and_raised_by_you(login):
    record = make_record(make_agreement())
    discussion = add_discussion(record, reference="Family Birch")
    recipient = UserFactory(first_name="Rana", last_name="Recipient")
    escalation = _escalate(discussion, by=record.supervisor, to=recipient, reason="Secret reason")

    as_recipient = login(recipient).get(URL).content.decode()
    assert escalation.get_absolute_url() in as_recipient and "Family Birch" in as_recipient
    assert 'aria-current="page">Sent to you (1)' in as_recipient
    assert "Waiting for outcome" in as_recipient
    # Only what the escalation's own page shows: never the reason or the discussion's text.
    assert "Secret reason" not in as_recipient
    assert "Home conditions poor" not in as_recipient

    as_supervisor = login(record.supervisor).get(URL).content.decode()
    assert 'aria-current="page">Raised by you (1)' in as_supervisor
    assert escalation.get_absolute_url() in as_supervisor
    assert "Rana Recipient" in as_supervisor  # escalated to

    as_supervisee = login(record.supervisee).get(URL).content.decode()
    assert 'aria-current="page">In records you can read (1)' in as_supervisee

    outsider = login(role_user("supervisor")).get(URL).content.decode()
    assert escalation.get_absolute_url() not in outsider
    assert "No escalations have been sent to you." in outsider


def test_a_tampered_list_name_shows_the_default_list(login):
    record = make_record(make_agreement())
    escalation = _escalate(add_discussion(record), by=record.supervisor, to=UserFactory())
    response = login(escalation.recipient).get(URL, {"show": "everyone"})
    assert response.status_code == 200
    assert escalation.get_absolute_url() in response.content.decode()


def test_closed_escalations_stay_listed_after_open_ones(login):
    record = make_record(make_agreement())
    recipient = UserFactory()
    closed = _escalate(
        add_discussion(record, reference="Case-A"), by=record.supervisor, to=recipient
    )
    services.escalation_outcome(
        by=recipient, escalation=closed, outcome="Plan changed", outcome_on=record.held_on
    )
    still_open = _escalate(
        add_discussion(record, reference="Case-B"), by=record.supervisor, to=recipient
    )
    page = login(recipient).get(URL).content.decode()
    assert page.index(still_open.get_absolute_url()) < page.index(closed.get_absolute_url())
    assert "Outcome recorded" in page
    assert selectors.escalation_counts(recipient)["open"] == 1


def test_a_page_of_escalations_is_logged_as_one_read_per_supervisee(login):
    record = make_record(make_agreement())
    recipient = UserFactory()
    _escalate(add_discussion(record, reference="Case-A"), by=record.supervisor, to=recipient)
    _escalate(add_discussion(record, reference="Case-B"), by=record.supervisor, to=recipient)
    other = make_record(make_agreement())
    _escalate(add_discussion(other, reference="Case-C"), by=other.supervisor, to=recipient)
    before = AccessLogEntry.objects.count()
    assert login(recipient).get(URL).status_code == 200
    entries = AccessLogEntry.objects.order_by("pk")[before:]
    assert sorted(e.supervisee_id for e in entries) == sorted(
        [record.supervisee_id, other.supervisee_id]
    )
    assert all(e.action == "view" and e.user == recipient for e in entries)
    assert all(e.what.startswith("Escalations list") for e in entries)
    # An empty list shows nothing and logs nothing.
    before = AccessLogEntry.objects.count()
    assert login(UserFactory()).get(URL).status_code == 200
    assert AccessLogEntry.objects.count() == before


def test_the_home_page_links_to_the_list_with_the_open_count(login):
    record = make_record(make_agreement())
    recipient = UserFactory()
    for reference in ("Case-A", "Case-B"):
        _escalate(add_discussion(record, reference=reference), by=record.supervisor, to=recipient)
    home = login(recipient).get(reverse("supervision:home")).content.decode()
    assert f'href="{URL}">Escalations</a>' in home
    assert "2 open" in home
    home = login(record.supervisor).get(reverse("supervision:home")).content.decode()
    assert f'href="{URL}">Escalations</a>' in home and "2 open" in home
    panel = login(recipient).get(reverse("dashboard")).content.decode()
    assert "2 escalations sent to you are waiting for an outcome" in panel
    nobody = login(UserFactory()).get(reverse("supervision:home")).content.decode()
    assert f'href="{URL}">Escalations</a>' in nobody and " open</strong>" not in nobody


def _many_escalations(count: int):
    """``count`` escalations from one supervisor's record, all sent to one recipient."""
    record = make_record(make_agreement())
    recipient = UserFactory()
    supervisee_id = record.supervisee_id
    cases = CaseReference.objects.bulk_create(
        [CaseReference(supervisee_id=supervisee_id, reference=f"Case-{i}") for i in range(count)]
    )
    discussions = CaseDiscussion.objects.bulk_create(
        [CaseDiscussion(record=record, case=c, worry_scale=5, change_check="no") for c in cases]
    )
    Escalation.objects.bulk_create(
        [
            Escalation(
                discussion=d,
                raised_by=record.supervisor,
                recipient=recipient,
                stage="manager",
                reason="Stuck",
                escalated_on=record.held_on,
            )
            for d in discussions
        ]
    )
    return record, recipient


def test_the_list_makes_the_same_queries_with_5_and_200_escalations(login):
    counts = []
    for size in (5, 200):
        record, recipient = _many_escalations(size)
        for user, tab in ((recipient, "sent"), (record.supervisor, "raised")):
            client = login(user)
            client.get(URL, {"show": tab})  # warm caches (roles, site)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(URL, {"show": tab})
            assert response.status_code == 200
            assert response.content.decode().count("/supervision/escalations/") >= min(size, 25)
            counts.append(len(queries))
    assert counts[:2] == counts[2:], counts
