"""Sessions: the upcoming list, who is booked, the register's rows and each session's places
and attendance."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from ..models import (
    PLACE_HOLDING,
    Attendance,
    Booking,
    BookingStatus,
    PartAttendance,
    TrainingSession,
)


def upcoming_sessions(*, now=None):
    now = now or timezone.now()
    return (
        TrainingSession.objects.filter(starts_at__gte=now, cancelled_at__isnull=True)
        .filter(archived=False, course__archived=False)
        .select_related("course", "venue")
        .annotate(
            taken=Count("bookings", filter=Q(bookings__status__in=PLACE_HOLDING)),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        )
        .order_by("starts_at")
    )


def session_bookings(session):
    return session.bookings.select_related("user", "user__agency")


@dataclass
class RegisterCell:
    part: object
    record: object  # PartAttendance or None
    open: bool  # the part has started, so attendance at it can be marked


@dataclass
class RegisterRow:
    booking: Booking
    cells: list


def register_rows(session, *, now) -> list[RegisterRow]:
    """The register: each person with a confirmed place and their record for each part, in
    three queries however many people are booked."""

    parts = list(session.parts.all())
    bookings = list(
        session_bookings(session)
        .filter(status=BookingStatus.BOOKED)
        .order_by("user__last_name", "user__first_name", "pk")
    )
    records = {
        (r.booking_id, r.part_id): r
        for r in PartAttendance.objects.filter(booking__session=session, part__in=parts)
    }
    return [
        RegisterRow(
            booking,
            [RegisterCell(p, records.get((booking.pk, p.pk)), p.starts_at <= now) for p in parts],
        )
        for booking in bookings
    ]


# --- Places and attendance of sessions ----------------------------------------------------


def _percent(part, whole) -> int | None:
    return round(100 * part / whole) if whole else None


def sessions_summary(sessions):
    """Per session: places, places filled, % filled, waiting list, attendance counts."""
    # Meta.ordering does not apply to aggregated queries, so keep the caller's or use dates.
    if not sessions.query.order_by:
        sessions = sessions.order_by("starts_at")
    rows = sessions.select_related("course").annotate(
        booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        pending=Count("bookings", filter=Q(bookings__status=BookingStatus.AWAITING_APPROVAL)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        attended=Count("bookings", filter=Q(bookings__attendance=Attendance.ATTENDED)),
        partly=Count("bookings", filter=Q(bookings__attendance=Attendance.PARTLY)),
        no_show=Count("bookings", filter=Q(bookings__attendance=Attendance.NO_SHOW)),
    )
    out = []
    for s in rows:
        out.append(
            {
                "session": s,
                "capacity": s.capacity,
                "booked": s.booked,
                "pending": s.pending,
                "waiting": s.waiting,
                "filled_percent": _percent(s.booked + s.pending, s.capacity),
                "attended": s.attended,
                "partly": s.partly,
                "no_show": s.no_show,
            }
        )
    return out
