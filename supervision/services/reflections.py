"""Reflections and who writes which part of them.

A reflection is the supervisee's: they add it and write its theme, prompt and Kolb's four
steps. The supervisor adds only their response (``peer_reflection``) to a reflection already
written. The rule lives here, so a view that forgets it still cannot store a field that is not
the person's: ``reflection_save`` refuses, and nothing is written.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ..models import AccessLogEntry, Record, ReflectiveEntry
from .access_log import access_log
from .common import SupervisionError, _bump, _full_clean, _require_draft

SUPERVISEE_FIELDS = (
    "theme",
    "prompt",
    "what_happened",
    "thoughts_feelings",
    "analysis",
    "next_steps",
)
SUPERVISOR_FIELDS = ("peer_reflection",)
REFLECTION_FIELDS = SUPERVISEE_FIELDS + SUPERVISOR_FIELDS

ONLY_THE_SUPERVISEE_ADDS = _lazy(
    "Reflections are written by the supervisee. You can respond to each one once it is written."
)


def reflection_fields_for(user, record: Record) -> tuple[str, ...]:
    """The reflection fields ``user`` writes on ``record``: none if they are not a party."""
    party = record.party(user)
    if party == "supervisee":
        return SUPERVISEE_FIELDS
    if party == "supervisor":
        return SUPERVISOR_FIELDS
    return ()


def reflection_may_add(user, record: Record) -> bool:
    """Only the supervisee adds a reflection; the supervisor responds to one once written."""
    return record.party(user) == "supervisee"


def _stored(entry: ReflectiveEntry, name: str):
    return getattr(entry, name) if entry.pk else ReflectiveEntry._meta.get_field(name).get_default()


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
    """Add (the supervisee) or change a reflection in a draft. ``data`` may repeat a field that
    is not the person's with its stored value (a form's read-only field), never change it."""
    _require_draft(by, record)
    if entry is None:
        if not reflection_may_add(by, record):
            raise SupervisionError(ONLY_THE_SUPERVISEE_ADDS)
        entry = ReflectiveEntry(record=record)
    elif entry.record_id != record.pk:
        raise SupervisionError(_("That reflection belongs to another record."))
    writable = reflection_fields_for(by, record)
    for name in REFLECTION_FIELDS:
        if name in data and name not in writable and data[name] != _stored(entry, name):
            if name in SUPERVISOR_FIELDS:
                raise SupervisionError(_("Only the supervisor writes the supervisor's response."))
            raise SupervisionError(
                _("Only the supervisee writes the reflection. You can add your response.")
            )
    for name in writable:
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
