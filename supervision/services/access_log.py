"""The one writer of the supervision access log.

Every entry, whether a read noted by a view, a change made by a service or a deletion under
the retention policy, is written by ``_write`` below. Views never create entries themselves:
``supervision_view`` hands what a page showed to ``log_reads``; services call
``access_log`` (a record's entry) or ``log_event`` (an entry filed under a person).
"""

from collections.abc import Mapping

from ..models import AccessLogEntry, Record

WHAT_LENGTH = 200


def _actor(user):
    """The person to name in an entry: nobody for a scheduled job or a signed-out visitor."""
    return user if getattr(user, "is_authenticated", False) else None


def _entry(
    *, user, supervisee_id: int | None, record_id: int | None, action: str, what: str, ip
) -> AccessLogEntry:
    return AccessLogEntry(
        user=_actor(user),
        supervisee_id=supervisee_id,
        record_id=record_id,
        action=action,
        what=what[:WHAT_LENGTH],
        ip_address=ip,
    )


def _write(entries: list[AccessLogEntry]) -> list[AccessLogEntry]:
    return AccessLogEntry.objects.bulk_create(entries) if entries else []


def log_event(
    *,
    user,
    action: str,
    what: str,
    supervisee_id: int | None = None,
    record_id: int | None = None,
    ip: str | None = None,
) -> AccessLogEntry:
    """One entry: who did what to whose supervision data, from where."""
    [entry] = _write(
        [
            _entry(
                user=user,
                supervisee_id=supervisee_id,
                record_id=record_id,
                action=action,
                what=what,
                ip=ip,
            )
        ]
    )
    return entry


def access_log(
    *, user, record: Record | None, action: str, what: str, ip: str | None = None, supervisee=None
) -> AccessLogEntry:
    """One entry about ``record`` (filed under its supervisee, or under ``supervisee``)."""
    if supervisee is not None:
        supervisee_id = supervisee.pk
    else:
        supervisee_id = record.supervisee_id if record else None
    return log_event(
        user=user,
        action=action,
        what=what,
        supervisee_id=supervisee_id,
        record_id=record.pk if record else None,
        ip=ip,
    )


def log_reads(
    user, reads: Mapping[int | None, Mapping], *, ip: str | None = None
) -> list[AccessLogEntry]:
    """The entries for what one page showed: one per supervisee whose content was shown.

    ``reads`` maps a supervisee's id to ``{"what": [...], "records": {ids}, "action": ...}``
    (as ``supervision.views.common.note_read`` gathers it). An entry names its record when
    the page showed exactly one, and otherwise says how many it showed."""
    entries = []
    for supervisee_id, read in reads.items():
        records = sorted(read["records"])
        what = "; ".join(read["what"])
        if len(records) > 1:
            what = f"{what} ({len(records)} records)"
        entries.append(
            _entry(
                user=user,
                supervisee_id=supervisee_id,
                record_id=records[0] if len(records) == 1 else None,
                action=read.get("action", AccessLogEntry.Action.VIEW),
                what=what,
                ip=ip,
            )
        )
    return _write(entries)


__all__ = ["access_log", "log_event", "log_reads"]
