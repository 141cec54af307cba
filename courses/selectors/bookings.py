"""What the session page offers a person: whether the session is full, whether booking is
open, and whether they can still cancel their place. The page and the cancel screen read
these answers here, so the rule is written once."""

import datetime
from dataclasses import dataclass

from ..models import ACTIVE, Booking, BookingStatus, CourseInterest, TrainingSession
from .sessions import sessions_summary


def booking_open(session: TrainingSession, *, now: datetime.datetime) -> bool:
    """The session takes bookings: not past its deadline, not cancelled, not archived."""
    return now <= session.booking_deadline and not session.is_cancelled and not session.is_archived


def booking_past_cut_off(booking: Booking, *, now: datetime.datetime) -> bool:
    """The booking holds a place and the cancellation cut-off has passed, so it can no longer
    be cancelled online (a waiting-list entry can always be left)."""
    return booking.holds_place and now > booking.session.cancellation_cutoff


@dataclass(frozen=True)
class SessionBookingState:
    """A person's standing on a session and what the page lets them do."""

    booking: Booking | None  # their active booking, if any
    counts: dict  # the session's row from ``sessions_summary``
    offer: CourseInterest | None  # a place held for them from the interest list
    held_for_others: int  # places held for other people offered them from the list
    full: bool  # a new booking would go on the waiting list
    open: bool  # the session takes bookings
    has_ended: bool
    can_cancel: bool  # they have a booking and may cancel it (or leave the waiting list)

    @property
    def confirmed(self) -> bool:
        return self.booking is not None and self.booking.status == BookingStatus.BOOKED

    @property
    def waiting(self) -> bool:
        return self.booking is not None and self.booking.status == BookingStatus.WAITING


def session_booking_state(
    *, session: TrainingSession, user, now: datetime.datetime
) -> SessionBookingState:
    """The booking page's answers for ``user`` (who may be signed out) on ``session``."""
    booking = None
    if user.is_authenticated:
        booking = (
            Booking.objects.filter(session=session, user=user, status__in=ACTIVE)
            .order_by("-created_at")
            .first()
        )
        if booking is not None:
            booking.session = session
    counts = sessions_summary(TrainingSession.objects.filter(pk=session.pk))[0]
    offers = list(CourseInterest.objects.holding(session, now))
    mine = [o for o in offers if user.is_authenticated and o.user_id == user.pk]
    held_for_others = len(offers) - len(mine)
    return SessionBookingState(
        booking=booking,
        counts=counts,
        offer=mine[0] if mine else None,
        held_for_others=held_for_others,
        full=counts["booked"] + counts["pending"] + held_for_others >= session.capacity,
        open=booking_open(session, now=now),
        has_ended=session.ends_at <= now,
        can_cancel=booking is not None and not booking_past_cut_off(booking, now=now),
    )
