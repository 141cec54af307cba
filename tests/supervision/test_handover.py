"""Handover and sharing: what follows the supervisee to the next supervisor, and what never
does; escalated discussions are kept."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from supervision import permissions, services
from supervision.models import AccessLogEntry, CaseDiscussion, Flag
from tests.factories import UserFactory, role_user

from .factories import (
    add_discussion,
    at,
    days,
    lock,
    make_agreement,
    make_record,
)

pytestmark = pytest.mark.django_db


# Handover ----------------------------------------------------------------------------------


def _drifting_case(agreement, count=3, start=90):
    for i in range(count):
        record = make_record(agreement, days_ago=start - 20 * i)
        add_discussion(record, reference="Family Oak", change_check="no", worry_scale=6)
        lock(record)


def test_open_flags_follow_the_supervisee_to_the_next_supervisor():
    supervisee = role_user("practitioner")
    first = make_agreement(supervisee, days_ago=120)
    _drifting_case(first)
    flag = Flag.objects.get(rule=1)
    responded = Flag.objects.create(
        agreement=first,
        supervisee=supervisee,
        rule=8,
        evidence="Gap",
        evidence_key="g",
        response="discussed",
        response_reason="Private",
        responded_by=first.supervisor,
    )
    services.agreement_end(by=supervisee, agreement=first, now=at(days(20)))
    second = make_agreement(supervisee, days_ago=15)
    old, new = first.supervisor, second.supervisor
    assert list(permissions.flags_visible_to(new)) == [flag]
    assert not permissions.flags_visible_to(old).exists()
    assert permissions.can_view_case(new, flag.case) and not permissions.can_view_case(
        old, flag.case
    )
    assert not permissions.can_view_flag(new, responded)
    with pytest.raises(services.SupervisionError):
        services.flag_respond(by=old, flag=flag, response="discussed", reason="Old")
    # New evidence from the new supervisor's records goes to the same open flag.
    record = make_record(second, days_ago=5)
    add_discussion(record, reference="Family Oak", change_check="unclear", worry_scale=6)
    lock(record)
    flag.refresh_from_db()
    assert Flag.objects.filter(rule=1, response="").count() == 1
    assert permissions.can_view_flag(new, flag) and not permissions.can_view_flag(old, flag)
    services.flag_respond(by=new, flag=flag, response="discussed", reason="Talked it through")
    # The new supervisor's timeline shows their own discussion only.
    from supervision.selectors import timeline

    shown = timeline(new, flag.case)["discussions"]
    assert [d.record_id for d in shown] == [record.pk]


def test_actions_are_not_carried_across_agreements():
    supervisee = role_user("practitioner")
    first = make_agreement(supervisee, days_ago=120)
    record = make_record(first, days_ago=60)
    add_discussion(
        record,
        new_actions=[{"description": "Secret action text", "owner": "SW", "due_on": None}],
    )
    lock(record)
    services.agreement_end(by=supervisee, agreement=first, now=at(days(20)))
    second = make_agreement(supervisee, days_ago=15)
    new_record = make_record(second, days_ago=1)
    assert not new_record.actions.exists()


def test_the_supervisee_shares_one_signed_record_with_a_current_supervisor():
    supervisee = role_user("practitioner")
    first = make_agreement(supervisee, days_ago=120)
    signed = lock(make_record(first, days_ago=60))
    draft = make_record(first, days_ago=30)
    services.agreement_end(by=supervisee, agreement=first, now=at(days(20)))
    second = make_agreement(supervisee, days_ago=15)
    new = second.supervisor
    stranger = role_user("supervisor")
    with pytest.raises(services.SupervisionError, match="Only the supervisee"):
        services.record_share(by=new, record=signed, with_user=new)
    with pytest.raises(services.SupervisionError, match="Only the supervisee"):
        services.record_share(by=supervisee, record=draft, with_user=new)
    with pytest.raises(services.SupervisionError, match="current agreement"):
        services.record_share(by=supervisee, record=signed, with_user=stranger)
    with pytest.raises(services.SupervisionError, match="current agreement"):
        services.record_share(by=supervisee, record=signed, with_user=first.supervisor)
    assert not signed.shares.exists()
    share = services.record_share(by=supervisee, record=signed, with_user=new)
    assert permissions.record_access(new, signed) == permissions.SHARED
    assert not permissions.can_edit_record(new, signed)
    assert not permissions.can_add_addendum(new, signed)
    with pytest.raises(services.SupervisionError):
        services.addendum_add(by=new, record=signed, text="Not mine to add")
    with pytest.raises(services.SupervisionError, match="Only the supervisee"):
        services.record_share_revoke(by=new, share=share)
    services.record_share_revoke(by=supervisee, share=share)
    assert not permissions.can_view_record(new, signed)
    assert AccessLogEntry.objects.filter(record_id=signed.pk, what__startswith="Shar").count() == 2


def test_a_share_stops_granting_when_the_recipients_agreement_ends():
    supervisee = role_user("practitioner")
    first = make_agreement(supervisee, days_ago=120)
    signed = lock(make_record(first, days_ago=60))
    services.agreement_end(by=supervisee, agreement=first, now=at(days(20)))
    second = make_agreement(supervisee, days_ago=15)
    services.record_share(by=supervisee, record=signed, with_user=second.supervisor)
    services.agreement_end(by=second.supervisor, agreement=second)
    assert not permissions.can_view_record(second.supervisor, signed)
    assert not permissions.records_visible_to(second.supervisor).exists()


# Escalations are kept ----------------------------------------------------------------------


def test_a_discussion_with_an_escalation_cannot_be_removed():
    record = make_record(make_agreement())
    discussion = add_discussion(record)
    services.escalation_create(
        by=record.supervisor,
        discussion=discussion,
        recipient=UserFactory(),
        stage="manager",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    record.refresh_from_db()
    with pytest.raises(services.SupervisionError, match="escalated"):
        services.discussion_delete(
            by=record.supervisee, record=record, version=record.version, discussion=discussion
        )
    assert CaseDiscussion.objects.filter(pk=discussion.pk).exists()
    with pytest.raises(ProtectedError):
        discussion.delete()


def test_an_escalation_cannot_be_dated_before_the_supervision():
    record = make_record(make_agreement(), days_ago=5)
    discussion = add_discussion(record)
    with pytest.raises(services.SupervisionError, match="before the supervision"):
        services.escalation_create(
            by=record.supervisor,
            discussion=discussion,
            recipient=UserFactory(),
            stage="manager",
            reason="Stuck",
            escalated_on=days(30),
        )


def test_the_recipient_finds_the_escalation_on_their_supervision_home(login):
    record = make_record(make_agreement())
    discussion = add_discussion(record, reference="Family Birch")
    recipient = UserFactory()
    escalation = services.escalation_create(
        by=record.supervisor,
        discussion=discussion,
        recipient=recipient,
        stage="manager",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    page = login(recipient).get(reverse("supervision:home")).content.decode()
    assert escalation.get_absolute_url() in page and "Family Birch" in page
