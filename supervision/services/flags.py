"""Drift flags, responses to them and escalations."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from elearning.core.emails import email_send

from .. import permissions
from ..flags import RULES, rule_carried_forward, rule_supervision_gap
from ..models import (
    AccessLogEntry,
    ActionStatus,
    Agreement,
    CaseDiscussion,
    CaseReference,
    Escalation,
    Flag,
    FlagResponse,
    Record,
    RecordStatus,
    SupervisionSettings,
)
from .access_log import access_log
from .common import SupervisionError, _full_clean, fresh_agreement, midday


def _settings() -> SupervisionSettings:
    return SupervisionSettings.load()


def _signed_discussions(case_ids):
    return (
        CaseDiscussion.objects.filter(case_id__in=case_ids, record__status=RecordStatus.LOCKED)
        .select_related("record", "case")
        .annotate(escalation_count=Count("escalations"))
        .order_by("record__held_on", "record_id")
    )


def _raise(*, agreement, supervisee_id, case_id, rule: int, finding) -> Flag | None:
    """A new flag, unless one for this rule and case is still open: that one then carries
    the latest evidence, so a run of discussions raises one flag, not one per discussion."""
    still_open = Flag.objects.filter(
        supervisee_id=supervisee_id, rule=rule, case_id=case_id, response=""
    )
    if still_open.update(evidence=str(finding.evidence)):
        return None
    try:
        with transaction.atomic():
            return Flag.objects.create(
                agreement=agreement,
                supervisee_id=supervisee_id,
                case_id=case_id,
                rule=rule,
                evidence=str(finding.evidence),
                evidence_key=finding.key,
            )
    except IntegrityError:
        return None  # this evidence already raised this flag


def flags_run(
    *,
    agreement: Agreement,
    case_ids=None,
    today: datetime.date | None = None,
    daily: bool = True,
) -> list:
    """Run the rules over an agreement's signed records and its supervisee's cases.

    ``daily`` includes the rules about time passing (chronology age, supervision overdue);
    after a signature only the rules about what was recorded run."""
    today = today or timezone.localdate()
    settings = _settings()
    supervisee_id = agreement.supervisee_id
    cases = CaseReference.objects.filter(supervisee_id=supervisee_id, closed=False)
    if case_ids is not None:
        cases = cases.filter(pk__in=case_ids)
    by_case: dict[int, list] = {}
    for discussion in _signed_discussions(cases.values("pk")):
        by_case.setdefault(discussion.case_id, []).append(discussion)
    locked = list(
        Record.objects.filter(agreement=agreement, status=RecordStatus.LOCKED).order_by(
            "held_on", "pk"
        )
    )
    latest = locked[-1] if locked else None
    open_actions = (
        list(latest.actions.exclude(status=ActionStatus.DONE)) if latest is not None else []
    )
    raised = []
    for case_id, discussions in by_case.items():
        case_actions = [a for a in open_actions if a.case_id == case_id]
        for rule in RULES.values():
            if not rule.per_case or (rule.daily_only and not daily):
                continue
            finding = rule.check(discussions, settings, today, case_actions)
            if finding:
                raised.append(
                    _raise(
                        agreement=agreement,
                        supervisee_id=supervisee_id,
                        case_id=case_id,
                        rule=rule.number,
                        finding=finding,
                    )
                )
    general = [a for a in open_actions if a.case_id is None]
    finding = rule_carried_forward([], settings, today, general)
    if finding:
        raised.append(
            _raise(
                agreement=agreement,
                supervisee_id=supervisee_id,
                case_id=None,
                rule=2,
                finding=finding,
            )
        )
    finding = rule_supervision_gap(locked, agreement, today, until_today=daily)
    if finding:
        raised.append(
            _raise(
                agreement=agreement,
                supervisee_id=supervisee_id,
                case_id=None,
                rule=8,
                finding=finding,
            )
        )
    return [flag for flag in raised if flag is not None]


def flags_run_for_record(record: Record) -> list:
    """After both signatures: the cases discussed or with actions in ``record``."""
    case_ids = set(record.discussions.values_list("case_id", flat=True))
    case_ids |= set(record.actions.exclude(case=None).values_list("case_id", flat=True))
    return flags_run(agreement=record.agreement, case_ids=case_ids, daily=False)


def flags_run_daily(today: datetime.date | None = None) -> int:
    """The daily run: every agreement active today (the time-based rules need it)."""
    today = today or timezone.localdate()
    raised = 0
    active = Agreement.objects.started(midday(today))
    for agreement in active.iterator():
        raised += len(flags_run(agreement=agreement, today=today))
    return raised


@transaction.atomic
def flag_respond(*, by, flag: Flag, response: str, reason: str, ip: str | None = None) -> Flag:
    if not permissions.can_respond_to_flag(by, flag):
        raise SupervisionError(_("Only the supervisor responds to a flag."))
    if not flag.is_open:
        raise SupervisionError(_("This flag already has a response."))
    if response not in FlagResponse.values:
        raise SupervisionError(_("Choose discussed, escalated or not applicable."))
    if not reason.strip():
        raise SupervisionError(_("Give a reason for your response."))
    updated = Flag.objects.filter(pk=flag.pk, response="").update(
        response=response,
        response_reason=reason.strip(),
        responded_by=by,
        responded_at=timezone.now(),
    )
    if not updated:
        raise SupervisionError(_("This flag already has a response."))
    flag.refresh_from_db()
    access_log(
        user=by,
        record=None,
        supervisee=flag.supervisee,
        action=AccessLogEntry.Action.CHANGE,
        what=f"Flag {flag.pk} response: {flag.get_response_display()}",
        ip=ip,
    )
    return flag


@transaction.atomic
def escalation_create(
    *,
    by,
    discussion: CaseDiscussion,
    recipient,
    stage: str,
    reason: str,
    escalated_on: datetime.date,
    ip: str | None = None,
) -> Escalation:
    record = discussion.record
    fresh_agreement(record)
    if not permissions.can_escalate(by, record):
        raise SupervisionError(_("You cannot escalate this case."))
    if recipient.pk in (record.supervisee_id, record.supervisor_id):
        raise SupervisionError(_("Escalate to someone other than the two of you."))
    if escalated_on > timezone.localdate():
        raise SupervisionError(_("The date escalated cannot be in the future."))
    if escalated_on < record.held_on:
        raise SupervisionError(
            _("The date escalated cannot be before the supervision in which it was discussed.")
        )
    escalation = Escalation(
        discussion=discussion,
        raised_by=by,
        recipient=recipient,
        stage=stage,
        reason=reason.strip(),
        escalated_on=escalated_on,
    )
    _full_clean(escalation)
    escalation.save()
    access_log(
        user=by,
        record=record,
        action=AccessLogEntry.Action.CHANGE,
        what=f"Escalated case discussion {discussion.pk}",
        ip=ip,
    )
    email_send(
        subject=_("A case has been escalated to you"),
        body=_(
            "A case discussed in supervision has been escalated to you. Sign in to read it; "
            "no details are given in this e-mail."
        ),
        to=[recipient.email],
    )
    other = record.other_party(by)
    email_send(
        subject=_("A case from your supervision has been escalated"),
        body=_(
            "%(name)s has escalated a case discussed in your supervision of %(date)s. Sign "
            "in to see who it went to; no details are given in this e-mail."
        )
        % {"name": by.get_full_name() or by.email, "date": date_format(record.held_on, "j F Y")},
        to=[other.email],
    )
    return escalation


@transaction.atomic
def escalation_outcome(
    *,
    by,
    escalation: Escalation,
    outcome: str,
    outcome_on: datetime.date,
    ip: str | None = None,
) -> Escalation:
    if not permissions.can_record_escalation_outcome(by, escalation):
        raise SupervisionError(_("You cannot record an outcome for this escalation."))
    if not outcome.strip():
        raise SupervisionError(_("Describe the outcome."))
    if outcome_on < escalation.escalated_on or outcome_on > timezone.localdate():
        raise SupervisionError(
            _("The date of the outcome must be between the escalation and today.")
        )
    escalation.outcome = outcome.strip()
    escalation.outcome_on = outcome_on
    escalation.save(update_fields=["outcome", "outcome_on"])
    access_log(
        user=by,
        record=escalation.discussion.record,
        action=AccessLogEntry.Action.CHANGE,
        what=f"Escalation {escalation.pk} outcome",
        ip=ip,
    )
    return escalation
