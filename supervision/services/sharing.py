"""Library pages to discuss, and signed records shared with a new supervisor."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import (
    AccessLogEntry,
    Agreement,
    Record,
    RecordShare,
    RecordStatus,
    Topic,
)
from .access_log import access_log
from .common import (
    SupervisionError,
)


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
