"""Every change to supervision data goes through these services.

Each checks the rules of the workflow (draft -> sent to the other party -> signed by both ->
locked; addenda only once locked), bumps the record's version so simultaneous edits are
detected rather than lost, and writes the access log. Views call these and show the message of
any ``SupervisionError`` they raise; stored data is then unchanged.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core.emails import email_send

from . import permissions
from .flags import RULES, rule_carried_forward, rule_supervision_gap
from .models import (
    DISCUSSION_FIELDS,
    AccessLogEntry,
    Action,
    ActionStatus,
    Addendum,
    Agreement,
    CaseDiscussion,
    CaseReference,
    Escalation,
    Flag,
    FlagResponse,
    Record,
    RecordStatus,
    ReflectiveEntry,
    SupervisionSettings,
    Topic,
)


class SupervisionError(Exception):
    """A request the workflow refuses; ``str()`` is the message to show."""


class StaleRecord(SupervisionError):
    """Someone else changed the record since the form was opened."""

    def __init__(self, current: Record):
        super().__init__(
            _(
                "This record changed while you were editing it. Your text is still in the form "
                "below; the other version is shown beside it. Copy across what you need and save "
                "again."
            )
        )
        self.current = current


# Access log ------------------------------------------------------------------------------


def access_log(
    *, user, record: Record | None, action: str, what: str, ip: str | None = None, supervisee=None
) -> None:
    AccessLogEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        supervisee=supervisee or (record.supervisee if record else None),
        record_id=record.pk if record else None,
        action=action,
        what=what[:200],
        ip_address=ip,
    )


# Agreements ------------------------------------------------------------------------------


def _full_clean(obj, **kwargs):
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise SupervisionError(" ".join(error.messages)) from error


@transaction.atomic
def agreement_save(*, by, agreement: Agreement) -> Agreement:
    """Create or change an agreement. Supervisors may only set up agreements they supervise."""
    is_new = agreement.pk is None
    if is_new and not permissions.can_create_agreement(by):
        raise SupervisionError(_("You cannot set up supervision agreements."))
    if not is_new and not permissions.can_change_agreement(
        by, Agreement.objects.get(pk=agreement.pk)
    ):
        raise SupervisionError(_("You cannot change this agreement."))
    if not permissions.can_change_agreement(by, agreement):
        raise SupervisionError(_("Supervisors set up agreements for their own supervisees."))
    if agreement.supervisee_id == agreement.supervisor_id:
        raise SupervisionError(_("The supervisee and the supervisor must be different people."))
    if not permissions.is_supervisor(agreement.supervisor):
        raise SupervisionError(_("The supervisor must have the supervisor role."))
    if agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise SupervisionError(_("The agreement cannot end before it starts."))
    if not is_new:
        outside = agreement.records.exclude(held_on__gte=agreement.starts_on)
        if agreement.ends_on:
            outside = outside | agreement.records.filter(held_on__gt=agreement.ends_on)
        if outside.exists():
            raise SupervisionError(
                _("Records already held under this agreement fall outside those dates.")
            )
    if is_new:
        agreement.created_by = by
    _full_clean(agreement, exclude=["created_by"])
    agreement.save()
    return agreement


# Records ---------------------------------------------------------------------------------


def _bump(record: Record, version: int) -> None:
    """Claim the next version of ``record`` or raise ``StaleRecord``."""
    updated = Record.objects.filter(pk=record.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleRecord(Record.objects.get(pk=record.pk))
    record.version = version + 1


def _require_draft(by, record: Record) -> None:
    if not permissions.can_view_record(by, record):
        raise SupervisionError(_("You cannot change this record."))
    if record.status == RecordStatus.LOCKED:
        raise SupervisionError(_("This record is signed and locked. Add a dated addendum instead."))
    if record.status != RecordStatus.DRAFT:
        raise SupervisionError(
            _("This record has been sent for signature. Return it to draft to change it.")
        )


def previous_record(record: Record) -> Record | None:
    return (
        Record.objects.filter(supervisee_id=record.supervisee_id)
        .filter(held_on__lte=record.held_on)
        .exclude(pk=record.pk)
        .order_by("-held_on", "-pk")
        .first()
    )


@transaction.atomic
def record_start(
    *,
    by,
    agreement: Agreement,
    held_on: datetime.date,
    duration_minutes: int,
    kind: str,
    attendees: str = "",
    functions: list[str] | None = None,
    ip: str | None = None,
) -> Record:
    """Start a draft record under ``agreement``: unfinished actions from the supervisee's
    previous record are carried forward and library pages they asked to discuss are attached."""
    if not permissions.can_start_record(by, agreement):
        raise SupervisionError(_("You are not a party to this agreement."))
    if held_on > timezone.localdate():
        raise SupervisionError(_("The date held cannot be in the future."))
    if not agreement.active_on(held_on):
        raise SupervisionError(_("The agreement was not active on the date held."))
    record = Record(
        agreement=agreement,
        supervisee_id=agreement.supervisee_id,
        supervisor_id=agreement.supervisor_id,
        held_on=held_on,
        duration_minutes=duration_minutes,
        kind=kind,
        attendees=attendees,
        functions=functions or [],
        created_by=by,
    )
    _full_clean(record, exclude=["created_by", "sent_by"])
    record.save()
    earlier = previous_record(record)
    if earlier is not None:
        carried = []
        for action in earlier.actions.exclude(status=ActionStatus.DONE).filter(
            carried_to__isnull=True
        ):
            carried.append(
                Action(
                    record=record,
                    case_id=action.case_id,
                    description=action.description,
                    owner=action.owner,
                    due_on=action.due_on,
                    status=action.status,
                    barriers=action.barriers,
                    carried_from=action,
                    times_carried=action.times_carried + 1,
                )
            )
        Action.objects.bulk_create(carried)
    Topic.objects.filter(supervisee_id=record.supervisee_id, record__isnull=True).update(
        record=record
    )
    access_log(user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Started", ip=ip)
    return record


@transaction.atomic
def record_update(*, by, record: Record, version: int, ip: str | None = None, **fields) -> Record:
    """Change the header, functions or wellbeing of a draft."""
    _require_draft(by, record)
    allowed = {
        "held_on",
        "duration_minutes",
        "kind",
        "attendees",
        "functions",
        "wellbeing",
        "support_needs",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise SupervisionError(_("Those fields cannot be changed here."))
    for name, value in fields.items():
        setattr(record, name, value)
    if record.held_on > timezone.localdate():
        raise SupervisionError(_("The date held cannot be in the future."))
    if not record.agreement.active_on(record.held_on):
        raise SupervisionError(_("The agreement was not active on the date held."))
    _full_clean(record, exclude=["created_by", "sent_by"])
    _bump(record, version)
    record.save(update_fields=[*fields, "updated_at"])
    access_log(user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Header", ip=ip)
    return record


def case_reference_for(*, supervisee, reference: str) -> CaseReference:
    reference = " ".join(reference.split())
    case = CaseReference.objects.filter(supervisee=supervisee, reference__iexact=reference).first()
    if case is not None:
        return case
    case = CaseReference(supervisee=supervisee, reference=reference)
    _full_clean(case, exclude=["supervisee"])
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        case = CaseReference.objects.get(supervisee=supervisee, reference=reference)
    return case


@transaction.atomic
def discussion_save(
    *,
    by,
    record: Record,
    version: int,
    reference: str,
    data: dict,
    discussion: CaseDiscussion | None = None,
    new_actions: list[dict] = (),
    ip: str | None = None,
) -> CaseDiscussion:
    """Add or change a case discussion in a draft, with any new actions for the case."""
    _require_draft(by, record)
    case = case_reference_for(supervisee=record.supervisee, reference=reference)
    if discussion is None:
        if record.discussions.filter(case=case).exists():
            raise SupervisionError(_("This case is already discussed in this record."))
        discussion = CaseDiscussion(record=record)
    elif discussion.record_id != record.pk:
        raise SupervisionError(_("That discussion belongs to another record."))
    discussion.case = case
    for name in DISCUSSION_FIELDS:
        if name in data:
            setattr(discussion, name, data[name])
    _full_clean(discussion)
    actions = [Action(record=record, case=case, **values) for values in new_actions]
    for action in actions:
        _full_clean(action, exclude=["record", "carried_from"])
    _bump(record, version)
    discussion.save()
    Action.objects.bulk_create(actions)
    access_log(
        user=by,
        record=record,
        action=AccessLogEntry.Action.CHANGE,
        what=f"Case discussion {discussion.pk}",
        ip=ip,
    )
    return discussion


@transaction.atomic
def discussion_delete(
    *, by, record: Record, version: int, discussion: CaseDiscussion, ip: str | None = None
) -> None:
    _require_draft(by, record)
    if discussion.record_id != record.pk:
        raise SupervisionError(_("That discussion belongs to another record."))
    _bump(record, version)
    record.actions.filter(case=discussion.case, carried_from__isnull=True).delete()
    discussion.delete()
    access_log(
        user=by,
        record=record,
        action=AccessLogEntry.Action.CHANGE,
        what="Case discussion removed",
        ip=ip,
    )


@transaction.atomic
def actions_review(
    *, by, record: Record, version: int, updates: dict[int, dict], ip: str | None = None
) -> None:
    """Record progress on actions: ``updates`` maps action id to status and barriers."""
    _require_draft(by, record)
    actions = {a.pk: a for a in record.actions.all()}
    if set(updates) - set(actions):
        raise SupervisionError(_("That action is not part of this record."))
    for pk, values in updates.items():
        action = actions[pk]
        action.status = values["status"]
        action.barriers = values.get("barriers", "")
        _full_clean(action, exclude=["record", "carried_from"])
    _bump(record, version)
    Action.objects.bulk_update([actions[pk] for pk in updates], ["status", "barriers"])
    access_log(user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Actions", ip=ip)


@transaction.atomic
def action_add(
    *,
    by,
    record: Record,
    version: int,
    description: str,
    owner: str,
    due_on: datetime.date | None,
    ip: str | None = None,
) -> Action:
    """An action not tied to one case (for example a training need)."""
    _require_draft(by, record)
    action = Action(record=record, description=description, owner=owner, due_on=due_on)
    _full_clean(action, exclude=["carried_from"])
    _bump(record, version)
    action.save()
    access_log(
        user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Action added", ip=ip
    )
    return action


REFLECTION_FIELDS = (
    "theme",
    "prompt",
    "what_happened",
    "thoughts_feelings",
    "analysis",
    "next_steps",
    "peer_reflection",
)


@transaction.atomic
def reflection_save(
    *,
    by,
    record: Record,
    version: int,
    data: dict,
    entry: ReflectiveEntry | None = None,
    ip: str | None = None,
) -> ReflectiveEntry:
    _require_draft(by, record)
    if entry is None:
        entry = ReflectiveEntry(record=record)
    elif entry.record_id != record.pk:
        raise SupervisionError(_("That reflection belongs to another record."))
    for name in REFLECTION_FIELDS:
        if name in data:
            setattr(entry, name, data[name])
    _full_clean(entry)
    _bump(record, version)
    entry.save()
    access_log(
        user=by,
        record=record,
        action=AccessLogEntry.Action.CHANGE,
        what=f"Reflection {entry.pk}",
        ip=ip,
    )
    return entry


@transaction.atomic
def record_send(*, by, record: Record, version: int, ip: str | None = None) -> Record:
    """The sender signs and sends the draft to the other party for their signature."""
    _require_draft(by, record)
    _bump(record, version)
    now = timezone.now()
    record.status = RecordStatus.SENT
    record.sent_by = by
    record.sent_at = now
    record.supervisee_signed_at = now if by.pk == record.supervisee_id else None
    record.supervisor_signed_at = now if by.pk != record.supervisee_id else None
    record.save()
    access_log(user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Sent", ip=ip)
    other = record.other_party(by)
    email_send(
        subject=_("A supervision record is ready for you to sign"),
        body=_(
            "%(name)s has sent you the record of supervision held on %(date)s to read and "
            "sign. Sign in to read it; no details are given in this e-mail."
        )
        % {"name": by.get_full_name() or by.email, "date": record.held_on.strftime("%-d %B %Y")},
        to=[other.email],
    )
    return record


@transaction.atomic
def record_sign(
    *, by, record: Record, version: int, disagreement: str = "", ip: str | None = None
) -> Record:
    """The other party signs. Once both have signed, the record is locked and the flag rules
    run over it, in the same transaction."""
    if not permissions.can_view_record(by, record):
        raise SupervisionError(_("You cannot sign this record."))
    if record.status != RecordStatus.SENT:
        raise SupervisionError(_("Only a record sent for signature can be signed."))
    is_supervisee = by.pk == record.supervisee_id
    if record.supervisee_signed_at if is_supervisee else record.supervisor_signed_at:
        raise SupervisionError(_("You have already signed this record."))
    if disagreement and not is_supervisee:
        raise SupervisionError(_("Only the supervisee records a disagreement."))
    _bump(record, version)
    now = timezone.now()
    if is_supervisee:
        record.supervisee_signed_at = now
        record.disagreement = disagreement.strip()
    else:
        record.supervisor_signed_at = now
    if record.supervisee_signed_at and record.supervisor_signed_at:
        record.status = RecordStatus.LOCKED
        record.locked_at = now
    record.save()
    access_log(user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Signed", ip=ip)
    if record.is_locked:
        flags_run_for_record(record)
    return record


@transaction.atomic
def record_return(*, by, record: Record, version: int, ip: str | None = None) -> Record:
    """Either party takes a sent record back to draft to change it; signatures are cleared."""
    if not permissions.can_view_record(by, record) or record.status != RecordStatus.SENT:
        raise SupervisionError(_("Only a record sent for signature can be returned to draft."))
    _bump(record, version)
    record.status = RecordStatus.DRAFT
    record.supervisee_signed_at = record.supervisor_signed_at = None
    record.sent_at = None
    record.sent_by = None
    record.save()
    access_log(
        user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Returned to draft", ip=ip
    )
    return record


@transaction.atomic
def addendum_add(*, by, record: Record, text: str, ip: str | None = None) -> Addendum:
    if not permissions.can_view_record(by, record):
        raise SupervisionError(_("You cannot add to this record."))
    if not record.is_locked:
        raise SupervisionError(_("Addenda are for locked records; edit the draft instead."))
    addendum = Addendum(record=record, author=by, text=text.strip())
    _full_clean(addendum)
    addendum.save()
    Record.objects.filter(pk=record.pk).update(version=F("version") + 1)
    access_log(user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Addendum", ip=ip)
    return addendum


@transaction.atomic
def topic_add(*, by, page) -> Topic:
    """'Discuss in supervision': attach a library page to the next draft record."""
    if not by.supervision_agreements.exists():
        raise SupervisionError(
            _("You have no supervision agreement yet. Ask your supervisor to set one up.")
        )
    draft = (
        Record.objects.filter(supervisee=by, status=RecordStatus.DRAFT)
        .order_by("-held_on", "-pk")
        .first()
    )
    existing = Topic.objects.filter(supervisee=by, page=page, record=draft).first()
    if existing:
        return existing
    return Topic.objects.create(supervisee=by, page=page, record=draft)


# Flags and escalations -------------------------------------------------------------------


def _settings() -> SupervisionSettings:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return SupervisionSettings()
    return SupervisionSettings.for_site(site)


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
    active = Agreement.objects.filter(starts_on__lte=today).exclude(ends_on__lt=today)
    for agreement in active.iterator():
        raised += len(flags_run(agreement=agreement, today=today))
    return raised


@transaction.atomic
def flag_respond(*, by, flag: Flag, response: str, reason: str) -> Flag:
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
    if not permissions.can_view_record(by, record):
        raise SupervisionError(_("You cannot escalate this case."))
    if recipient.pk in (record.supervisee_id, record.supervisor_id):
        raise SupervisionError(_("Escalate to someone other than the two of you."))
    if escalated_on > timezone.localdate():
        raise SupervisionError(_("The date escalated cannot be in the future."))
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
    return escalation


@transaction.atomic
def escalation_outcome(
    *, by, escalation: Escalation, outcome: str, outcome_on: datetime.date
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
    )
    return escalation


# Retention -------------------------------------------------------------------------------


def records_past_retention(today: datetime.date | None = None):
    today = today or timezone.localdate()
    years = _settings().retention_years
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return Record.objects.filter(held_on__lt=cutoff, legal_hold=False)


@transaction.atomic
def records_delete_past_retention(today: datetime.date | None = None) -> int:
    """Delete records past retention (not those on legal hold), logging each deletion."""
    records = list(
        records_past_retention(today)
        .select_related("supervisee")
        .prefetch_related(
            Prefetch(
                "discussions", queryset=CaseDiscussion.objects.only("pk", "record_id", "case_id")
            )
        )
    )
    for record in records:
        access_log(
            user=None,
            record=record,
            action=AccessLogEntry.Action.DELETE,
            what=f"Record of {record.held_on.isoformat()} deleted (retention)",
        )
        Topic.objects.filter(record=record).delete()
        record.delete()
    # Cases no longer discussed anywhere go too, with their flags.
    CaseReference.objects.filter(discussions__isnull=True, actions__isnull=True).delete()
    return len(records)


# Reminders -------------------------------------------------------------------------------


def reminders_send(today: datetime.date | None = None) -> dict:
    """Supervision due within three days or overdue, actions due, records unsigned a week."""
    from django.db.models import Max

    from .selectors import next_due

    today = today or timezone.localdate()
    sent = {"due": 0, "actions": 0, "unsigned": 0}
    agreements = (
        Agreement.objects.filter(starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .select_related("supervisee", "supervisor")
        .annotate(last_held=Max("records__held_on"))
    )
    for agreement in agreements:
        due = next_due(agreement, agreement.last_held)
        if due - today <= datetime.timedelta(days=3) and agreement.reminded_for != due:
            email_send(
                subject=_("Supervision is due"),
                body=_(
                    "Supervision between you is due by %(date)s under your agreement. "
                    "Please arrange a time."
                )
                % {"date": due.strftime("%-d %B %Y")},
                to=[agreement.supervisee.email, agreement.supervisor.email],
            )
            Agreement.objects.filter(pk=agreement.pk).update(reminded_for=due)
            sent["due"] += 1
    actions = (
        Action.objects.filter(
            record__status=RecordStatus.LOCKED,
            carried_to__isnull=True,
            due_on__lte=today + datetime.timedelta(days=2),
            reminded_at__isnull=True,
        )
        .exclude(status=ActionStatus.DONE)
        .select_related("record__supervisee")
    )
    for action in actions:
        email_send(
            subject=_("An action from supervision is due"),
            body=_("An action agreed in supervision is due by %(date)s. Sign in to see it.")
            % {"date": action.due_on.strftime("%-d %B %Y")},
            to=[action.record.supervisee.email],
        )
        sent["actions"] += 1
    actions.update(reminded_at=timezone.now())
    week_ago = timezone.now() - datetime.timedelta(days=7)
    unsigned = Record.objects.filter(
        status__in=[RecordStatus.DRAFT, RecordStatus.SENT],
        created_at__lte=week_ago,
        unsigned_reminded_at__isnull=True,
    ).select_related("supervisee", "supervisor")
    for record in unsigned:
        email_send(
            subject=_("A supervision record is not yet signed"),
            body=_(
                "The record of supervision held on %(date)s has not been signed by both of "
                "you after a week. Sign in to finish it."
            )
            % {"date": record.held_on.strftime("%-d %B %Y")},
            to=[record.supervisee.email, record.supervisor.email],
        )
        sent["unsigned"] += 1
    unsigned.update(unsigned_reminded_at=timezone.now())
    return sent
