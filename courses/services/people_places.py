"""Rules about who runs a session and where: a trainer or venue is never double-booked, an
inactive one is not chosen for a session, and a session offers no more places than its room
holds.

The clash check works on the times a session occupies its trainer and venue, a list of
(start, end) intervals per session (``session_intervals``), so a session held in several
parts clashes only where its parts overlap another session's. Intervals touch without
clashing: one session may end at 12:30 and the next start at 12:30.

``session_save`` calls ``session_people_places_errors`` inside its transaction; these
functions only read and return messages, so nothing here can leave data half-saved.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Trainer, TrainingSession, Venue

Interval = tuple[datetime.datetime, datetime.datetime]


def session_intervals(session: TrainingSession) -> list[Interval]:
    """The times ``session`` occupies its trainer and its venue: each of its parts (a session
    in two half-days is free between them). The span from ``starts_at`` to ``ends_at`` covers
    them all (the database narrows candidates by that span)."""
    parts = [(p.starts_at, p.ends_at) for p in session.parts.all() if p.starts_at and p.ends_at]
    if parts:
        return parts
    if session.starts_at is None or session.ends_at is None:
        return []
    return [(session.starts_at, session.ends_at)]


def first_overlap(mine: Sequence[Interval], theirs: Sequence[Interval]) -> Interval | None:
    """The first of ``theirs`` that overlaps one of ``mine``, or None. Intervals are half-open:
    an interval ending when another starts does not overlap it."""
    for their_start, their_end in sorted(theirs):
        for my_start, my_end in mine:
            if my_start < their_end and their_start < my_end:
                return (their_start, their_end)
    return None


@dataclass(frozen=True)
class Clash:
    field: str  # "trainer" or "venue"
    other: TrainingSession
    interval: Interval

    @property
    def message(self) -> str:
        start, end = (timezone.localtime(value) for value in self.interval)
        details = {
            "course": self.other.course.title,
            "date": date_format(start, "l j F Y"),
            "start": date_format(start, "H:i"),
            "end": date_format(end, "H:i"),
        }
        if self.field == "trainer":
            return _(
                "%(name)s is already running %(course)s on %(date)s, %(start)s to %(end)s."
            ) % {"name": self.other.trainer.name, **details}
        return _("%(name)s is already booked for %(course)s on %(date)s, %(start)s to %(end)s.") % {
            "name": self.other.venue.name,
            **details,
        }


def _takes_part(session: TrainingSession) -> bool:
    """Cancelled and archived sessions hold neither their trainer nor their venue."""
    if session.cancelled_at is not None or session.archived:
        return False
    return not (session.course_id and session.course.archived)


def session_clashes(session: TrainingSession) -> list[Clash]:
    """Other live sessions whose trainer or venue is ``session``'s at an overlapping time:
    at most one clash each for the trainer and the venue, the earliest."""
    if not _takes_part(session) or not (session.trainer_id or session.venue_id):
        return []
    mine = session_intervals(session)
    if not mine:
        return []
    shared = Q()
    if session.trainer_id:
        shared |= Q(trainer_id=session.trainer_id)
    if session.venue_id:
        shared |= Q(venue_id=session.venue_id)
    candidates = (
        TrainingSession.objects.filter(
            shared,
            cancelled_at__isnull=True,
            archived=False,
            course__archived=False,
            starts_at__lt=max(end for _start, end in mine),
            ends_at__gt=min(start for start, _end in mine),
        )
        .exclude(pk=session.pk)
        .select_related("course", "trainer", "venue")
        .prefetch_related("parts")
        .order_by("starts_at", "pk")
    )
    found: dict[str, Clash] = {}
    for other in candidates:
        interval = first_overlap(mine, session_intervals(other))
        if interval is None:
            continue
        for field in ("trainer", "venue"):
            same = getattr(session, f"{field}_id") and (
                getattr(other, f"{field}_id") == getattr(session, f"{field}_id")
            )
            if same and field not in found:
                found[field] = Clash(field, other, interval)
    return [found[field] for field in ("trainer", "venue") if field in found]


def session_people_places_errors(
    session: TrainingSession, previous: TrainingSession | None
) -> dict[str, str]:
    """Messages by form field for everything wrong with the session's trainer and venue."""
    errors: dict[str, str] = {}
    trainer = Trainer.objects.filter(pk=session.trainer_id).first() if session.trainer_id else None
    venue = Venue.objects.filter(pk=session.venue_id).first() if session.venue_id else None
    # Someone made inactive stays on the sessions they already had.
    if trainer and not trainer.active and (previous is None or previous.trainer_id != trainer.pk):
        errors["trainer"] = _(
            "%(name)s is marked as no longer running sessions. Choose another trainer, or make "
            "them active again under Trainers."
        ) % {"name": trainer.name}
    if venue and not venue.active and (previous is None or previous.venue_id != venue.pk):
        errors["venue"] = _(
            "%(name)s is marked as no longer used. Choose another venue, or make it active "
            "again under Venues."
        ) % {"name": venue.name}
    if (
        venue
        and venue.capacity is not None
        and session.capacity
        and session.capacity > venue.capacity
    ):
        errors.setdefault(
            "capacity",
            _("%(name)s holds %(seats)s people, so the session can offer at most %(seats)s places.")
            % {"name": venue.name, "seats": venue.capacity},
        )
    for clash in session_clashes(session):
        errors.setdefault(clash.field, clash.message)
    return errors


def lock_people_places(session: TrainingSession) -> None:
    """Serialise saves that name the same trainer or venue, so two people saving clashing
    sessions at the same moment cannot both succeed (a no-op on SQLite, whose writers are
    serialised already)."""
    if session.trainer_id:
        list(Trainer.objects.select_for_update().filter(pk=session.trainer_id))
    if session.venue_id:
        list(Venue.objects.select_for_update().filter(pk=session.venue_id))
