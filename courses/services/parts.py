"""Parts of a session: the checks ``session_save`` makes before saving a session, and the
session's span kept in step with its parts."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import PartAttendance, SessionPart, TrainingSession


def _edited_in_memory(session: TrainingSession) -> bool:
    # The admin form assigns the parts to the unsaved session (modelcluster keeps them in
    # memory until ``save``); other callers leave the stored parts alone.
    return "parts" in getattr(session, "_cluster_related_objects", {})


def _describe(part: SessionPart) -> str:
    start, end = timezone.localtime(part.starts_at), timezone.localtime(part.ends_at)
    return _("%(day)s, %(start)s to %(end)s") % {
        "day": date_format(start, "j F Y"),
        "start": date_format(start, "H:i"),
        "end": date_format(end, "H:i"),
    }


def _shape(parts) -> list[tuple]:
    return [(p.starts_at, p.ends_at, p.venue) for p in parts]


def parts_prepare(*, session: TrainingSession, previous: TrainingSession | None) -> bool:
    """Check the session's parts, order them and set the session's span from them.

    A session saved without parts gets one spanning its times; a one-part session whose
    times were changed directly moves its part with it. Refuses (``CourseRefusal``) a part
    that ends before it starts, overlapping parts and removing a part whose attendance has
    been recorded. Returns whether any part's time or place changed."""
    from .common import CourseRefusal

    stored = list(previous.parts.order_by("starts_at", "pk")) if previous is not None else []
    if _edited_in_memory(session):
        parts = list(session.parts.all())
    elif stored:
        parts = stored
        if len(parts) == 1 and (
            session.starts_at != previous.starts_at or session.ends_at != previous.ends_at
        ):
            parts[0].starts_at, parts[0].ends_at = session.starts_at, session.ends_at
    else:
        parts = []
    if not parts:
        if not (session.starts_at and session.ends_at):
            raise CourseRefusal(_("Add at least one part, with the time it starts and ends."))
        parts = [SessionPart(starts_at=session.starts_at, ends_at=session.ends_at)]
    for part in parts:
        try:
            part.full_clean(exclude=["session", "sort_order"])
        except ValidationError as error:
            raise CourseRefusal(
                _("Part %(when)s: %(problem)s")
                % {
                    "when": _describe(part) if part.starts_at and part.ends_at else "",
                    "problem": " ".join(error.messages),
                }
            ) from error
    parts.sort(key=lambda p: p.starts_at)
    for earlier, later in zip(parts, parts[1:], strict=False):
        if later.starts_at < earlier.ends_at:
            raise CourseRefusal(
                _(
                    "Two parts overlap: %(first)s and %(second)s. Each part must end before the "
                    "next starts."
                )
                % {"first": _describe(earlier), "second": _describe(later)}
            )
    kept = {p.pk for p in parts if p.pk}
    removed = [p for p in stored if p.pk not in kept]
    if removed and PartAttendance.objects.filter(part__in=removed).exists():
        raise CourseRefusal(
            _(
                "Attendance has been recorded for a part you removed, so it cannot be removed. "
                "Change its times instead."
            )
        )
    for order, part in enumerate(parts):
        part.sort_order = order
    session.parts = parts
    session.starts_at, session.ends_at = parts[0].starts_at, parts[-1].ends_at
    return _shape(stored) != _shape(parts)
