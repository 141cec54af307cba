"""Demo of a session in two parts: the first half-day was yesterday and its register is
marked; the second is under way now, so the trainer's check-in code screen can be tried."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from courses import services
from courses.models import Booking, BookingStatus, SessionPart, TrainingSession
from seeding.courses.people_places import people_places_ensure

ATTENDEES = ("practitioner@demo.example", "teacher@demo.example", "social.worker@demo.example")
LIVE_PART_HOURS = 4


def _live_window(now) -> tuple[datetime.datetime, datetime.datetime]:
    # Began a quarter of an hour before the demo was seeded and runs for four hours.
    start = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    start -= datetime.timedelta(minutes=15)
    return start, start + datetime.timedelta(hours=LIVE_PART_HOURS)


def seed_two_part_session(course, trainer) -> TrainingSession | None:
    """Idempotent. Run again after the live part has ended and it moves to now."""
    if course is None or trainer is None:
        return None
    now = timezone.now()
    start, end = _live_window(now)
    existing = (
        TrainingSession.objects.filter(course=course)
        .annotate(part_count=Count("parts"))
        .filter(part_count__gt=1)
        .order_by("-pk")
        .first()
    )
    if existing is not None:
        live = existing.parts.order_by("-starts_at").first()
        if live.ends_at < now:
            SessionPart.objects.filter(pk=live.pk).update(starts_at=start, ends_at=end)
            TrainingSession.objects.filter(pk=existing.pk).update(ends_at=end)
        return existing
    first_start = start - datetime.timedelta(days=1)
    first_day = timezone.localtime(first_start).date()
    first_start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time(9, 30)))
    records = people_places_ensure()
    session = TrainingSession(
        course=course,
        venue=records["civic"],
        capacity=12,
        booking_deadline=first_start - datetime.timedelta(days=7),
        cancellation_cutoff=first_start - datetime.timedelta(days=3),
        trainer=records["lead"],
    )
    session.parts = [
        SessionPart(starts_at=first_start, ends_at=first_start + datetime.timedelta(hours=3)),
        SessionPart(starts_at=start, ends_at=end),
    ]
    session = services.session_save(by=trainer, session=session, now=first_start)
    users = [u for u in (get_user_model().objects.filter(email=e).first() for e in ATTENDEES) if u]
    bookings = [
        Booking.objects.create(
            session=session,
            user=user,
            agency_id=user.agency_id,
            status=BookingStatus.BOOKED,
            created_at=first_start - datetime.timedelta(days=20),
        )
        for user in users
    ]
    first = session.parts.first()
    # Yesterday's register: everyone but the last person came to the first half-day.
    services.attendance_record(
        session=session,
        marked_by=trainer,
        marks={(b.pk, first.pk): i < len(bookings) - 1 for i, b in enumerate(bookings)},
        now=first.ends_at,
    )
    return session
