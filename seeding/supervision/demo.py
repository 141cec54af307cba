"""Demo supervision: one supervisor with two supervisees, a handover and a proposal.

The social worker's case 'Family Oak' is discussed in four signed records a month apart: the
change check stays at 'no' while the worry scale drifts from 7 to 4, so flags 1 (change check
not moving) and 6 (possible desensitisation) are raised.

The practitioner was supervised by the team manager until about ten weeks ago. In two signed
records 'Maple-3' was discussed without the child seen alone, which raised flag 3. That
agreement ended; the practitioner then accepted an agreement with the supervisor, who sees
flag 3 (its rule, dates and figures) but not the team manager's records. The practitioner has
a draft record with the supervisor.

The supervisor has proposed an agreement to the teacher, who has not yet answered it.
Everything goes through the services, as it would for real users, with the moments of
proposal and acceptance set in the past.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from elearning.accounts.models import User
from supervision import services
from supervision.models import ActionStatus, Agreement, PromptSet, RecordType
from supervision.prompt_data import prompts_ensure

OAK = [
    # worry, what happened, notes on the current position
    (
        7,
        "Home conditions poor again; the baby's weight has dropped on the centile chart.",
        "Mum says things will improve once the new flat is sorted.",
    ),
    (
        6,
        "Home a little tidier at the announced visit; the baby was not brought to the clinic.",
        "Parents engaging with the family support worker, who visits weekly.",
    ),
    (
        5,
        "Two missed health appointments; the older child's school attendance is at 81%.",
        "Parents say they are doing everything asked of them.",
    ),
    (
        4,
        "Weight still low; the older child was seen alone and says there is often no breakfast.",
        "I feel less worried because the parents are friendlier and keep the visits.",
    ),
]


def _user(email):
    return User.objects.filter(email=email).first()


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _accepted(*, supervisee, supervisor, starts_on, **terms) -> Agreement:
    """An agreement proposed on its start date and accepted the next morning."""
    agreement = services.agreement_propose(
        by=supervisor,
        supervisee=supervisee,
        supervisor=supervisor,
        starts_on=starts_on,
        now=_at(starts_on),
        **terms,
    )
    return services.agreement_accept(
        by=supervisee,
        agreement=agreement,
        terms_version=agreement.terms_version,
        now=_at(starts_on + datetime.timedelta(days=1)),
    )


def _sign(record, *, sender, signer):
    record.refresh_from_db()
    services.record_send(by=sender, record=record, version=record.version)
    services.record_sign(by=signer, record=record, version=record.version)


CONFIDENTIALITY = (
    "What we discuss stays between us, except where a child or adult is at risk of harm or "
    "there is a concern about practice that must be shared."
)
DISAGREEMENT = (
    "Either of us writes the disagreement into the record before signing; if we cannot "
    "resolve it, the service manager is asked to review."
)


def _handover_history(practitioner, team_manager, today) -> None:
    """Two signed records with the team manager, then the agreement ends."""
    earlier = _accepted(
        supervisee=practitioner,
        supervisor=team_manager,
        starts_on=today - datetime.timedelta(days=200),
        frequency_days=42,
        confidentiality=CONFIDENTIALITY,
        disagreement=DISAGREEMENT,
    )
    for days_ago in (160, 110):
        record = services.record_start(
            by=practitioner,
            agreement=earlier,
            held_on=today - datetime.timedelta(days=days_ago),
            duration_minutes=60,
            kind=RecordType.ONE_TO_ONE,
        )
        services.discussion_save(
            by=practitioner,
            record=record,
            version=record.version,
            reference="Maple-3",
            data={
                "current_position": "Teenager missing school; the younger siblings seem well.",
                "worries": "Nobody has spoken to the teenager on their own.",
                "worry_scale": 6,
                "change_check": "unclear",
                "child_seen_alone": False,
                "voice_recorded": False,
                "adults_known": True,
                "chronology_reviewed_on": record.held_on,
            },
        )
        _sign(record, sender=practitioner, signer=team_manager)
    services.agreement_end(
        by=team_manager, agreement=earlier, now=_at(today - datetime.timedelta(days=70))
    )


@transaction.atomic
def seed_demo() -> None:
    """Flags run once everything is committed, as they would after the last signature."""
    prompts_ensure(PromptSet)
    supervisor = _user("supervisor@demo.example")
    social_worker = _user("social.worker@demo.example")
    practitioner = _user("practitioner@demo.example")
    if not (supervisor and social_worker and practitioner):
        return
    if Agreement.objects.filter(supervisor=supervisor, supervisee=social_worker).exists():
        return
    today = timezone.localdate()
    agreement = _accepted(
        supervisee=social_worker,
        supervisor=supervisor,
        starts_on=today - datetime.timedelta(days=180),
        frequency_days=28,
        confidentiality=CONFIDENTIALITY,
        disagreement=DISAGREEMENT,
    )
    for number, (worry, current, notes) in enumerate(OAK):
        held_on = today - datetime.timedelta(days=28 * (4 - number))
        record = services.record_start(
            by=social_worker,
            agreement=agreement,
            held_on=held_on,
            duration_minutes=75,
            kind=RecordType.ONE_TO_ONE,
            functions=["management", "support", "development"],
        )
        for action in record.actions.all():
            services.actions_review(
                by=social_worker,
                record=record,
                version=record.version,
                updates={action.pk: {"status": ActionStatus.DONE, "barriers": ""}},
            )
        services.discussion_save(
            by=social_worker,
            record=record,
            version=record.version,
            reference="Family Oak",
            data={
                "current_position": current,
                "worries": "Neglect of the baby's health and of both children's basic care.",
                "working_well": notes,
                "needs_to_happen": "The baby gains weight and is brought to every appointment.",
                "worry_scale": worry,
                "change_check": "no",
                "change_evidence": "Weight, attendance and home conditions are no better.",
                "child_seen_alone": True,
                "voice_recorded": True,
                "adults_known": True,
                "chronology_reviewed_on": held_on,
                "decisions": "Continue the child in need plan and review at the next meeting.",
            },
            new_actions=[
                {
                    "description": "Check the baby's weight with the health visitor",
                    "owner": "Social worker",
                    "due_on": held_on + datetime.timedelta(days=14),
                }
            ],
        )
        if number >= 2:
            services.reflection_save(
                by=social_worker,
                record=record,
                version=record.version,
                data={
                    "theme": "desensitisation" if number == 3 else "drift",
                    "prompt": (
                        "My worry has gone down. What has actually changed for the child?"
                        if number == 3
                        else "Have we tried this plan before?"
                    ),
                    "what_happened": "Another visit where the family were welcoming.",
                    "thoughts_feelings": "Relieved that the visits are calmer.",
                    "analysis": (
                        "Nothing has changed for the children; only the mood of the visits."
                    ),
                    "next_steps": "Score the worry against the baby's weight, not the visit.",
                    "peer_reflection": "",
                },
            )
        _sign(record, sender=social_worker, signer=supervisor)

    team_manager = _user("team.manager@demo.example")
    if team_manager is not None:
        _handover_history(practitioner, team_manager, today)
    second = _accepted(
        supervisee=practitioner,
        supervisor=supervisor,
        starts_on=today - datetime.timedelta(days=60),
        frequency_days=42,
        confidentiality="As the partnership's supervision policy.",
    )
    draft = services.record_start(
        by=practitioner,
        agreement=second,
        held_on=today - datetime.timedelta(days=2),
        duration_minutes=45,
        kind=RecordType.ONE_TO_ONE,
    )
    services.discussion_save(
        by=practitioner,
        record=draft,
        version=draft.version,
        reference="Maple-3",
        data={
            "current_position": "Teenager often missing from school; younger siblings well.",
            "worry_scale": 6,
            "change_check": "unclear",
            "child_seen_alone": False,
            "voice_recorded": False,
            "adults_known": False,
        },
    )
    teacher = _user("teacher@demo.example")
    if teacher is not None:
        services.agreement_propose(
            by=supervisor,
            supervisee=teacher,
            supervisor=supervisor,
            starts_on=today,
            frequency_days=42,
            confidentiality=CONFIDENTIALITY,
            disagreement=DISAGREEMENT,
        )
