"""Records: start, change the header while draft, send, sign, return to draft, addenda."""

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearning.core.emails import email_send

from .. import permissions
from ..models import (
    AccessLogEntry,
    Action,
    ActionStatus,
    Addendum,
    Agreement,
    Record,
    RecordStatus,
    Topic,
)
from .access_log import access_log
from .common import (
    SupervisionError,
    _bump,
    _full_clean,
    _require_draft,
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


EMPTY_RECORD = gettext_lazy(
    "There is nothing in this record yet. Before you sign and send it, add at least one of "
    "these: a case discussion, a reflection, an action agreed, progress on an action from "
    "last time, or a note about wellbeing or support needs."
)
EMPTY_RECORD_TO_SIGN = gettext_lazy(
    "There is nothing in this record to sign. Return it to draft and add at least one of "
    "these: a case discussion, a reflection, an action agreed, progress on an action from "
    "last time, or a note about wellbeing or support needs."
)


def record_has_content(record: Record) -> bool:
    """Whether the record holds anything the two parties wrote in it.

    The header (date, duration, type, attendees, functions) says only that a session took
    place, and library pages to discuss and actions carried forward are attached by the site
    when the record starts. What counts: a case discussion, a reflection, an action agreed in
    this record, a carried action whose status or barriers were updated here, or wellbeing
    or support-needs text."""
    if record.wellbeing.strip() or record.support_needs.strip():
        return True
    if record.discussions.exists() or record.reflections.exists():
        return True
    reviewed = Q(carried_from__isnull=True) | ~Q(status=F("carried_from__status"))
    reviewed |= ~Q(barriers=F("carried_from__barriers"))
    return record.actions.filter(reviewed).exists()


def _require_content(record: Record, message) -> None:
    if not record_has_content(record):
        raise SupervisionError(message)


@transaction.atomic
def record_send(*, by, record: Record, version: int, ip: str | None = None) -> Record:
    """The sender signs and sends the draft to the other party for their signature. A record
    with nothing in it is refused (see ``record_has_content``)."""
    _require_draft(by, record)
    _require_content(record, EMPTY_RECORD)
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
        % {"name": by.get_full_name() or by.email, "date": date_format(record.held_on, "j F Y")},
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
    # Records sent before empty ones were refused may still be waiting for a signature.
    _require_content(record, EMPTY_RECORD_TO_SIGN)
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
