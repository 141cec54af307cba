"""Training sessions as partnership staff change them: adding, changing (which tells everyone
booked) and cancelling (which cancels and keeps every booking)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications
from ..models import ACTIVE, PLACE_HOLDING, Booking, BookingStatus, TrainingSession
from ..permissions import can_manage_sessions
from . import interest as interest_lists
from .bookings import _promote_waiting
from .common import CourseRefusal, _locked_session
from .parts import parts_prepare
from .people_places import lock_people_places, session_people_places_errors

# A change to any of these sends everyone booked the new details and calendar file.
_NOTIFIED_FIELDS = ("starts_at", "ends_at", "venue_id", "joining_details")


def session_save(
    *, by, session: TrainingSession, now: datetime.datetime | None = None
) -> TrainingSession:
    """Add a training session or save changes to one (the admin screen calls this).

    More places go to the waiting list, first come first served. A new time or place raises
    the calendar SEQUENCE and e-mails everyone booked. Refuses fewer places than people
    already holding one, changes to a cancelled session, and a trainer or venue already
    booked at the time (``people_places``).
    """
    now = now or timezone.now()
    if not can_manage_sessions(by):
        raise CourseRefusal(_("Only partnership staff can change training sessions."))
    with transaction.atomic():
        previous = _locked_session(session) if session.pk else None
        if previous is not None and previous.is_cancelled:
            raise CourseRefusal(_("This session has been cancelled and cannot be changed."))
        parts_changed = parts_prepare(session=session, previous=previous)
        session.full_clean()
        lock_people_places(session)
        errors = session_people_places_errors(session, previous)
        if errors:
            raise CourseRefusal(errors)
        changed = previous is not None and (
            parts_changed
            or any(getattr(previous, name) != getattr(session, name) for name in _NOTIFIED_FIELDS)
        )
        if previous is not None:
            taken = Booking.objects.filter(session=session, status__in=PLACE_HOLDING).count()
            if session.capacity < taken:
                raise CourseRefusal(
                    {
                        "capacity": _(
                            "%(taken)s people already have a place, so the session needs at "
                            "least %(taken)s places. Cancel bookings first if fewer people can "
                            "attend."
                        )
                        % {"taken": taken}
                    }
                )
            session.sequence = previous.sequence + (1 if changed else 0)
            session.cancelled_at = previous.cancelled_at
        session.save()
        promoted = _promote_waiting(session) if previous is not None else []
        told = []
        if changed:
            promoted_ids = {b.pk for b in promoted}
            told = [
                b
                for b in Booking.objects.filter(session=session, status__in=ACTIVE).select_related(
                    "user"
                )
                if b.pk not in promoted_ids
            ]
    session = TrainingSession.objects.select_related("course").get(pk=session.pk)
    for booking in told:
        booking.session = session
        notifications.session_changed(booking)
    for booking in promoted:
        booking.session = session
        if booking.status == BookingStatus.BOOKED:
            notifications.booking_promoted_new_places(booking)
        else:
            notifications.booking_awaiting_approval(booking)
    return session


def session_cancel(
    *, by, session: TrainingSession, now: datetime.datetime | None = None
) -> TrainingSession:
    """Cancel a session: every booking on it is cancelled (and kept), everyone booked or
    waiting is told, and people with a place get a calendar cancellation."""
    now = now or timezone.now()
    if not can_manage_sessions(by):
        raise CourseRefusal(_("Only partnership staff can cancel training sessions."))
    with transaction.atomic():
        session = _locked_session(session)
        if session.is_cancelled:
            raise CourseRefusal(_("This session has already been cancelled."))
        if now >= session.starts_at:
            raise CourseRefusal(_("This session has already started, so it cannot be cancelled."))
        session.cancelled_at = now
        session.sequence += 1
        session.full_clean()
        session.save(update_fields=["cancelled_at", "sequence"])
        interest_lists.offers_release(session=session)
        # The objects keep their old status so each e-mail says what the person had.
        told = list(
            Booking.objects.filter(session=session, status__in=ACTIVE).select_related("user")
        )
        Booking.objects.filter(pk__in=[b.pk for b in told]).update(
            status=BookingStatus.CANCELLED, cancelled_at=now
        )
    session = TrainingSession.objects.select_related("course").get(pk=session.pk)
    for booking in told:
        booking.session = session
        notifications.session_cancelled(booking)
    return session
