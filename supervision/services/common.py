"""What every supervision service shares: the refusal type, validation and the record
version check. The access log has its own module, ``access_log``."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core.refusals import Refusal

from .. import permissions
from ..models import (
    Agreement,
    Record,
    RecordStatus,
)


class SupervisionError(Refusal):
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


def midday(day: datetime.date) -> datetime.datetime:
    """A moment on ``day``, for rules that take a date but compare with timestamps."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _full_clean(obj, **kwargs):
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise SupervisionError(" ".join(error.messages)) from error


def _bump(record: Record, version: int) -> None:
    """Claim the next version of ``record`` or raise ``StaleRecord``."""
    updated = Record.objects.filter(pk=record.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleRecord(Record.objects.get(pk=record.pk))
    record.version = version + 1


def fresh_agreement(record: Record) -> None:
    """Re-read (and lock) the record's agreement, so an agreement ended a moment ago is
    seen as ended here even if the caller's copy is older."""
    record.agreement = Agreement.objects.select_for_update().get(pk=record.agreement_id)


def _require_draft(by, record: Record) -> None:
    fresh_agreement(record)
    if not permissions.is_party_with_current_access(by, record):
        raise SupervisionError(_("You cannot change this record."))
    if not record.agreement.is_current():
        raise SupervisionError(
            _("The agreement this record was written under has ended. It can no longer change.")
        )
    if record.status == RecordStatus.LOCKED:
        raise SupervisionError(_("This record is signed and locked. Add a dated addendum instead."))
    if record.status != RecordStatus.DRAFT:
        raise SupervisionError(
            _("This record has been sent for signature. Return it to draft to change it.")
        )
