"""Records and everything in them: start, edit while draft, send, sign, return, addenda,
case discussions, actions, reflections and library topics."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core.emails import email_send

from .. import permissions
from ..models import (
    DISCUSSION_FIELDS,
    AccessLogEntry,
    Action,
    ActionStatus,
    Addendum,
    Agreement,
    CaseDiscussion,
    CaseReference,
    Record,
    RecordShare,
    RecordStatus,
    ReflectiveEntry,
    Topic,
)
from .common import (
    SupervisionError,
    _bump,
    _full_clean,
    _require_draft,
    access_log,
    fresh_agreement,
)
from .flags import flags_run_for_record


def previous_record(record: Record) -> Record | None:
    """The record before ``record`` under the same agreement. Records under another
    agreement (another supervisor) are never carried into this one."""
    return (
        Record.objects.filter(agreement_id=record.agreement_id)
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
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not permissions.is_agreement_party(by, agreement):
        raise SupervisionError(_("You are not a party to this agreement."))
    if not permissions.can_start_record(by, agreement):
        raise SupervisionError(
            _(
                "Records can only be started under an agreement that the supervisee has "
                "accepted, that has started and that has not ended."
            )
        )
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
    if discussion.escalations.exists():
        raise SupervisionError(
            _(
                "This case discussion has been escalated, so it is kept with its escalation. "
                "Change it instead of removing it."
            )
        )
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
    fresh_agreement(record)
    access = permissions.record_access(by, record)
    if access not in (permissions.SUPERVISEE, permissions.SUPERVISOR, permissions.SIGNING_GRACE):
        raise SupervisionError(_("You cannot sign this record."))
    if record.status != RecordStatus.SENT:
        raise SupervisionError(_("Only a record sent for signature can be signed."))
    is_supervisee = by.pk == record.supervisee_id
    if record.supervisee_signed_at if is_supervisee else record.supervisor_signed_at:
        raise SupervisionError(_("You have already signed this record."))
    if not permissions.can_sign_record(by, record):
        raise SupervisionError(
            _(
                "The agreement this record was written under has ended, so it can no "
                "longer be signed."
            )
        )
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
    fresh_agreement(record)
    if not permissions.is_party_with_current_access(by, record):
        raise SupervisionError(_("You cannot change this record."))
    if not permissions.can_return_record(by, record):
        raise SupervisionError(
            _(
                "Only a record sent for signature, under an agreement that has not ended, can "
                "be returned to draft."
            )
        )
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
    fresh_agreement(record)
    if not permissions.is_party_with_current_access(by, record):
        raise SupervisionError(_("You cannot add to this record."))
    if not record.is_locked:
        raise SupervisionError(_("Addenda are for locked records; edit the draft instead."))
    if not permissions.can_add_addendum(by, record):
        raise SupervisionError(_("You cannot add to this record."))
    addendum = Addendum(record=record, author=by, text=text.strip())
    _full_clean(addendum)
    addendum.save()
    Record.objects.filter(pk=record.pk).update(version=F("version") + 1)
    access_log(user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Addendum", ip=ip)
    return addendum


@transaction.atomic
def topic_add(*, by, page) -> Topic:
    """'Discuss in supervision': attach a library page to the next draft record."""
    current = Agreement.objects.current().filter(supervisee=by)
    if not current.exists():
        raise SupervisionError(
            _(
                "You have no current supervision agreement. Ask your supervisor to propose "
                "one, then accept it on your supervision page."
            )
        )
    draft = (
        Record.objects.filter(supervisee=by, status=RecordStatus.DRAFT, agreement__in=current)
        .order_by("-held_on", "-pk")
        .first()
    )
    existing = Topic.objects.filter(supervisee=by, page=page, record=draft).first()
    if existing:
        return existing
    return Topic.objects.create(supervisee=by, page=page, page_title=page.title, record=draft)


# Sharing a signed record with a new supervisor ------------------------------------------


@transaction.atomic
def record_share(*, by, record: Record, with_user, ip: str | None = None) -> RecordShare:
    """The supervisee shows one signed record to another of their current supervisors (for
    example after a handover). Read-only for them; wellbeing and support needs stay between
    the record's two parties."""
    if not permissions.can_share_record(by, record):
        raise SupervisionError(_("Only the supervisee can share a signed record."))
    if not permissions.share_recipients(by, record).filter(pk=with_user.pk).exists():
        raise SupervisionError(
            _("You can share a record only with a supervisor you have a current agreement with.")
        )
    if record.shares.filter(shared_with=with_user, revoked_at__isnull=True).exists():
        raise SupervisionError(_("This record is already shared with them."))
    via = Agreement.objects.current().get(supervisee_id=by.pk, supervisor_id=with_user.pk)
    share = RecordShare.objects.create(
        record=record, shared_with=with_user, shared_by=by, via_agreement=via
    )
    access_log(
        user=by,
        record=record,
        action=AccessLogEntry.Action.CHANGE,
        what=f"Shared with {with_user.get_full_name() or with_user.email}",
        ip=ip,
    )
    return share


@transaction.atomic
def record_share_revoke(*, by, share: RecordShare, ip: str | None = None) -> RecordShare:
    share = RecordShare.objects.select_for_update().select_related("record").get(pk=share.pk)
    if share.record.supervisee_id != getattr(by, "pk", None):
        raise SupervisionError(_("Only the supervisee can stop sharing a record."))
    if share.revoked_at is not None:
        raise SupervisionError(_("This record is no longer shared with them."))
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    access_log(
        user=by,
        record=share.record,
        action=AccessLogEntry.Action.CHANGE,
        what=f"Sharing with {share.shared_with.get_full_name() or share.shared_with.email} stopped",
        ip=ip,
    )
    return share
