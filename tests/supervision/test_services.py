"""The record workflow, flags, escalations, retention and reminders, through the services."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from supervision import services
from supervision.models import (
    AccessLogEntry,
    Action,
    ActionStatus,
    Agreement,
    CaseDiscussion,
    Flag,
    Record,
    RecordStatus,
    Topic,
)
from tests.factories import UserFactory

from .factories import (
    add_discussion,
    add_reflection,
    give_content,
    lock,
    make_agreement,
    make_record,
)

pytestmark = pytest.mark.django_db


def test_a_record_goes_from_draft_to_sent_to_locked_and_then_takes_only_addenda():
    record = make_record(make_agreement())
    add_discussion(record)
    record.refresh_from_db()
    services.record_send(by=record.supervisee, record=record, version=record.version)
    assert record.status == RecordStatus.SENT and record.supervisee_signed_at
    assert mail.outbox[-1].to == [record.supervisor.email]
    assert "Family Oak" not in mail.outbox[-1].body

    with pytest.raises(services.SupervisionError, match="sent for signature"):
        add_discussion(record, reference="Other")
    with pytest.raises(services.SupervisionError, match="already signed"):
        services.record_sign(by=record.supervisee, record=record, version=record.version)
    with pytest.raises(services.SupervisionError, match="Only the supervisee"):
        services.record_sign(
            by=record.supervisor, record=record, version=record.version, disagreement="No"
        )
    with pytest.raises(services.SupervisionError, match="locked records"):
        services.addendum_add(by=record.supervisor, record=record, text="Early")

    services.record_sign(by=record.supervisor, record=record, version=record.version)
    record.refresh_from_db()
    assert record.status == RecordStatus.LOCKED and record.locked_at
    with pytest.raises(services.SupervisionError, match="locked"):
        services.record_update(
            by=record.supervisee, record=record, version=record.version, wellbeing="changed"
        )
    services.addendum_add(
        by=record.supervisee, record=record, text="The date of the visit was 3rd."
    )
    assert record.addenda.get().author == record.supervisee
    record.refresh_from_db()
    assert record.wellbeing == ""


def test_the_supervisee_records_disagreement_when_signing():
    record = give_content(make_record(make_agreement()))
    services.record_send(by=record.supervisor, record=record, version=record.version)
    services.record_sign(
        by=record.supervisee,
        record=record,
        version=record.version,
        disagreement="I do not agree the case is drifting.",
    )
    record.refresh_from_db()
    assert record.is_locked and record.disagreement.startswith("I do not agree")


def test_returning_to_draft_clears_both_signatures():
    record = give_content(make_record(make_agreement()))
    services.record_send(by=record.supervisee, record=record, version=record.version)
    services.record_return(by=record.supervisor, record=record, version=record.version)
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT
    assert record.supervisee_signed_at is None and record.supervisor_signed_at is None


def test_a_stale_version_is_refused_and_nothing_is_lost():
    record = make_record(make_agreement())
    opened_at = record.version
    services.record_update(
        by=record.supervisee, record=record, version=opened_at, wellbeing="Supervisee's words"
    )
    stale = Record.objects.get(pk=record.pk)
    with pytest.raises(services.StaleRecord) as error:
        services.record_update(
            by=record.supervisor, record=stale, version=opened_at, wellbeing="Supervisor's words"
        )
    assert error.value.current.wellbeing == "Supervisee's words"
    assert Record.objects.get(pk=record.pk).wellbeing == "Supervisee's words"


def test_unfinished_actions_are_carried_forward_and_topics_attach_to_the_next_record(settings):
    agreement = make_agreement()
    first = make_record(agreement, days_ago=60)
    add_discussion(
        first,
        new_actions=[
            {"description": "Visit dad", "owner": "SW", "due_on": None},
            {"description": "Book CP", "owner": "SW", "due_on": None},
        ],
    )
    first.refresh_from_db()
    done = first.actions.get(description="Book CP")
    services.actions_review(
        by=first.supervisee,
        record=first,
        version=first.version,
        updates={done.pk: {"status": ActionStatus.DONE, "barriers": ""}},
    )
    lock(first)
    from wagtail.models import Page

    page = Page.objects.filter(depth__gte=1).first()
    topic = services.topic_add(by=agreement.supervisee, page=page)
    assert topic.record is None

    second = make_record(agreement, days_ago=30)
    carried = second.actions.get()
    assert carried.description == "Visit dad" and carried.times_carried == 1
    assert carried.carried_from.record == first
    assert Topic.objects.get(pk=topic.pk).record == second

    lock(second)
    third = make_record(agreement, days_ago=1)
    assert third.actions.get().times_carried == 2
    lock(third)
    flags = Flag.objects.filter(rule=2)
    assert flags.count() == 1 and "carried forward 2 times" in flags.get().evidence


def test_the_demo_pattern_raises_flags_1_and_6_only():
    agreement = make_agreement()
    for months_ago, worry in zip([4, 3, 2, 1], [7, 6, 5, 4]):
        record = make_record(agreement, days_ago=28 * months_ago)
        add_discussion(record, worry_scale=worry)
        lock(record)
    assert sorted(Flag.objects.values_list("rule", flat=True)) == [1, 6]
    # Running again on the same evidence raises nothing new.
    assert services.flags_run(agreement=agreement) == []


def test_the_daily_run_notices_overdue_supervision_and_stale_chronologies():
    agreement = make_agreement()
    record = make_record(agreement, days_ago=100)
    add_discussion(record, chronology_reviewed_on=record.held_on)
    lock(record)
    # Signing runs only the rules about what was recorded; time passing is the daily run's.
    assert not Flag.objects.exists()
    assert services.flags_run_daily() == 2
    assert set(Flag.objects.values_list("rule", flat=True)) == {5, 8}
    assert services.flags_run_daily() == 0


def test_an_open_flag_takes_new_evidence_instead_of_a_second_flag():
    agreement = make_agreement()
    for days_ago in (100, 70, 40, 10):
        record = make_record(agreement, days_ago=days_ago)
        add_discussion(record)
        lock(record)
    flag = Flag.objects.get(rule=1)
    assert Flag.objects.filter(rule=1).count() == 1
    assert record.held_on.strftime("%-d %b %Y") in flag.evidence
    services.flag_respond(by=agreement.supervisor, flag=flag, response="discussed", reason="x")
    record = make_record(agreement, days_ago=1)
    add_discussion(record)
    lock(record)
    assert Flag.objects.filter(rule=1).count() == 2


def test_only_the_supervisor_responds_to_a_flag_with_a_reason():
    agreement = make_agreement()
    flag = Flag.objects.create(
        agreement=agreement, supervisee=agreement.supervisee, rule=8, evidence="x", evidence_key="k"
    )
    with pytest.raises(services.SupervisionError):
        services.flag_respond(by=agreement.supervisee, flag=flag, response="discussed", reason="x")
    with pytest.raises(services.SupervisionError, match="reason"):
        services.flag_respond(by=agreement.supervisor, flag=flag, response="discussed", reason=" ")
    with pytest.raises(services.SupervisionError):
        services.flag_respond(by=agreement.supervisor, flag=flag, response="ignored", reason="x")
    services.flag_respond(
        by=agreement.supervisor,
        flag=flag,
        response="escalated",
        reason="Sent to the service manager.",
    )
    flag.refresh_from_db()
    assert not flag.is_open and flag.responded_by == agreement.supervisor
    with pytest.raises(services.SupervisionError, match="already"):
        services.flag_respond(by=agreement.supervisor, flag=flag, response="discussed", reason="x")


def test_escalation_goes_to_someone_else_and_its_outcome_is_dated():
    record = make_record(make_agreement())
    discussion = add_discussion(record, stuck=True)
    with pytest.raises(services.SupervisionError):
        services.escalation_create(
            by=record.supervisee,
            discussion=discussion,
            recipient=record.supervisor,
            stage="team",
            reason="x",
            escalated_on=timezone.localdate(),
        )
    recipient = UserFactory()
    escalation = services.escalation_create(
        by=record.supervisee,
        discussion=discussion,
        recipient=recipient,
        stage="team",
        reason="Stuck for months",
        escalated_on=timezone.localdate(),
    )
    assert [recipient.email] in [m.to for m in mail.outbox]
    with pytest.raises(services.SupervisionError, match="between"):
        services.escalation_outcome(
            by=recipient,
            escalation=escalation,
            outcome="Done",
            outcome_on=timezone.localdate() + datetime.timedelta(days=3),
        )
    services.escalation_outcome(
        by=recipient, escalation=escalation, outcome="Plan changed", outcome_on=timezone.localdate()
    )
    assert not escalation.is_open


def test_retention_lists_then_deletes_old_records_except_those_on_hold(capsys):
    agreement = make_agreement(days_ago=3000)
    old = make_record(agreement, days_ago=2500)
    add_discussion(old)
    held = make_record(agreement, days_ago=2400)
    call_command("supervision_retention", "--hold", str(held.pk), stdout=io.StringIO())
    assert Record.objects.get(pk=held.pk).legal_hold
    with pytest.raises(CommandError):
        call_command("supervision_retention", "--hold", "999999")
    recent = make_record(agreement, days_ago=10)

    call_command("supervision_retention")
    out = capsys.readouterr().out
    assert f"Record {old.pk} " in out and "1 record(s) past retention. Dry run" in out
    assert Record.objects.count() == 3

    call_command("supervision_retention", "--delete")
    assert set(Record.objects.values_list("pk", flat=True)) == {held.pk, recent.pk}
    assert not CaseDiscussion.objects.filter(record_id=old.pk).exists()
    deletion = AccessLogEntry.objects.get(action=AccessLogEntry.Action.DELETE)
    assert deletion.record_id == old.pk and deletion.user is None


def test_reminders_go_once_for_due_supervision_actions_and_unsigned_records():
    agreement = make_agreement()
    record = make_record(agreement, days_ago=27)
    add_discussion(
        record,
        new_actions=[{"description": "Call school", "owner": "SW", "due_on": timezone.localdate()}],
    )
    Record.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    mail.outbox.clear()
    sent = services.reminders_send()
    assert sent == {"due": 1, "actions": 0, "unsigned": 1}
    lock(record)
    mail.outbox.clear()
    assert services.reminders_send() == {"due": 0, "actions": 1, "unsigned": 0}
    assert services.reminders_send() == {"due": 0, "actions": 0, "unsigned": 0}


def test_changes_and_reads_are_logged_with_who_and_what():
    record = make_record(make_agreement())
    add_reflection(record)
    entries = AccessLogEntry.objects.filter(record_id=record.pk)
    assert {e.what for e in entries} >= {"Started"}
    assert all(e.supervisee == record.supervisee for e in entries)
    assert entries.filter(action="change").count() == 2


def test_actions_of_another_record_cannot_be_updated():
    agreement = make_agreement()
    first = make_record(agreement, days_ago=10)
    add_discussion(first, new_actions=[{"description": "A", "owner": "SW", "due_on": None}])
    other = make_record(make_agreement())
    other.refresh_from_db()
    action = Action.objects.get(record=first)
    with pytest.raises(services.SupervisionError, match="not part"):
        services.actions_review(
            by=other.supervisee,
            record=other,
            version=other.version,
            updates={action.pk: {"status": "done"}},
        )
    assert Action.objects.get(pk=action.pk).status == ActionStatus.NOT_STARTED


def test_volume_seeding_makes_records_in_proportion_and_runs_once(settings):
    import io

    settings.DEMO_MODE = True
    call_command("seed_volume", "--scale", "0.01", stdout=io.StringIO())
    # 1% of 30,000 records: 30 supervisees with up to ten records each.
    assert Agreement.objects.count() == 30
    assert 250 <= Record.objects.count() <= 300
    assert CaseDiscussion.objects.count() == Record.objects.count()
    call_command("seed_volume", "--scale", "0.01", stdout=io.StringIO())
    assert Agreement.objects.count() == 30
