"""Supervision data for tests, made through the services wherever a rule applies."""

import datetime

from django.utils import timezone

from supervision import services
from supervision.models import Agreement, Flag, RecordType
from tests.factories import UserFactory, role_user

DISCUSSION = {
    "current_position": "Home conditions poor.",
    "worries": "Baby's weight.",
    "working_well": "Parents attend visits.",
    "needs_to_happen": "Weight gain.",
    "worry_scale": 6,
    "change_check": "no",
    "change_evidence": "No change in weight.",
    "child_seen_alone": True,
    "voice_recorded": True,
    "adults_known": True,
    "chronology_reviewed_on": None,
    "stuck": False,
    "worker_changed": False,
    "decisions": "Carry on.",
}


def days(n: int) -> datetime.date:
    """The date ``n`` days ago."""
    return timezone.localdate() - datetime.timedelta(days=n)


def snapshot():
    """Every agreement's dates and answers, to show a refused change left them as they were."""
    return list(
        Agreement.objects.order_by("pk").values_list(
            "pk", "starts_on", "ends_on", "accepted_at", "declined_at", "ended_at"
        )
    )


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def propose(supervisee=None, supervisor=None, *, days_ago=0, by=None, frequency=28, **terms):
    """A proposal made ``days_ago`` days ago, starting that day, not yet answered."""
    supervisee = supervisee or role_user("practitioner")
    supervisor = supervisor or role_user("supervisor")
    starts_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    return services.agreement_propose(
        by=by or supervisor,
        supervisee=supervisee,
        supervisor=supervisor,
        starts_on=starts_on,
        frequency_days=frequency,
        now=at(starts_on),
        **terms,
    )


def accept(agreement, *, days_ago=None):
    when = (
        None
        if days_ago is None
        else at(timezone.localdate() - datetime.timedelta(days=days_ago), 10)
    )
    return services.agreement_accept(
        by=agreement.supervisee,
        agreement=agreement,
        terms_version=agreement.terms_version,
        now=when,
    )


def make_agreement(supervisee=None, supervisor=None, *, days_ago=400, frequency=28):
    """An agreement proposed ``days_ago`` days ago and accepted the same morning."""
    agreement = propose(supervisee, supervisor, days_ago=days_ago, frequency=frequency)
    return accept(agreement, days_ago=days_ago)


def make_record(agreement, *, days_ago=1, by=None):
    return services.record_start(
        by=by or agreement.supervisee,
        agreement=agreement,
        held_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        duration_minutes=60,
        kind=RecordType.ONE_TO_ONE,
    )


def add_discussion(record, reference="Family Oak", new_actions=(), **changes):
    record.refresh_from_db()
    data = {**DISCUSSION, **changes}
    if data["chronology_reviewed_on"] is None:
        data["chronology_reviewed_on"] = record.held_on
    return services.discussion_save(
        by=record.supervisee,
        record=record,
        version=record.version,
        reference=reference,
        data=data,
        new_actions=list(new_actions),
    )


def add_reflection(record, **changes):
    record.refresh_from_db()
    data = {
        "theme": "drift",
        "prompt": "Have we tried this plan before?",
        "what_happened": "A visit.",
        "thoughts_feelings": "Tired.",
        "analysis": "Nothing has changed.",
        "next_steps": "Review the plan.",
        **changes,
    }
    return services.reflection_save(
        by=record.supervisee, record=record, version=record.version, data=data
    )


def give_content(record):
    """A record with nothing in it cannot be sent or signed: an empty one gets a line of
    wellbeing (which no report, export or flag reads), so it can be."""
    record.refresh_from_db()
    if not services.record_has_content(record):
        services.record_update(
            by=record.supervisee, record=record, version=record.version, wellbeing="Well."
        )
        record.refresh_from_db()
    return record


def lock(record):
    give_content(record)
    services.record_send(by=record.supervisee, record=record, version=record.version)
    services.record_sign(by=record.supervisor, record=record, version=record.version)
    record.refresh_from_db()
    return record


def full_record_world():
    """An accepted agreement with a draft record holding a discussion, a reflection, an open
    flag and an escalation: (agreement, record, discussion, entry, flag, escalation)."""
    agreement = make_agreement(days_ago=100)
    record = make_record(agreement, days_ago=3)
    discussion = add_discussion(record)
    entry = add_reflection(record)
    flag = Flag.objects.create(
        agreement=agreement,
        supervisee=agreement.supervisee,
        case=discussion.case,
        rule=1,
        evidence="e",
        evidence_key="k",
    )
    escalation = services.escalation_create(
        by=agreement.supervisor,
        discussion=discussion,
        recipient=UserFactory(),
        stage="manager",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    return agreement, record, discussion, entry, flag, escalation
