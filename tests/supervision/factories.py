"""Supervision data for tests, made through the services wherever a rule applies."""

import datetime

from django.utils import timezone

from supervision import services
from supervision.models import Agreement, RecordType
from tests.factories import role_user

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


def make_agreement(supervisee=None, supervisor=None, *, days_ago=400, frequency=28):
    supervisee = supervisee or role_user("practitioner")
    supervisor = supervisor or role_user("supervisor")
    return services.agreement_save(
        by=supervisor,
        agreement=Agreement(
            supervisee=supervisee,
            supervisor=supervisor,
            starts_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            frequency_days=frequency,
        ),
    )


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


def lock(record):
    record.refresh_from_db()
    services.record_send(by=record.supervisee, record=record, version=record.version)
    services.record_sign(by=record.supervisor, record=record, version=record.version)
    record.refresh_from_db()
    return record
