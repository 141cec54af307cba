"""Demo trainers and venues, a session you can make clash in the admin, and last quarter's
no-shows with reasons and charges.

To see a clash: in the admin, Training sessions, edit the morning session at Northbridge
Library and choose Northbridge Civic Centre as its venue (or Alex Reid as its trainer); the
save is refused, naming the session already there.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses import services
from courses.models import (
    Attendance,
    Booking,
    BookingStatus,
    SessionPart,
    Trainer,
    TrainingSession,
    TrainingSettings,
    Venue,
)
from courses.services.no_shows import ReasonGiven, quarter_of

DEMO_CHARGE = Decimal("60.00")

# Last quarter's morning session: who came, and why the others did not.
NO_SHOW_REGISTER = [
    ("practitioner@demo.example", Attendance.ATTENDED, "", ""),
    ("teacher@demo.example", Attendance.NO_SHOW, "ill", ""),
    ("social.worker@demo.example", Attendance.NO_SHOW, "no_reason", ""),
    ("supervisor@demo.example", Attendance.NO_SHOW, "cancelled_late", "Rang on the morning."),
    ("team.manager@demo.example", Attendance.PARTLY, "work_emergency", "Left at 11:00."),
]


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def people_places_ensure():
    """The demo's trainers and venues (made once)."""
    staff = _user("staff@demo.example")
    civic, _made = Venue.objects.get_or_create(
        name="Northbridge Civic Centre, Training Room 3",
        defaults={
            "address": "High Street\nNorthbridge\nNB1 2AA",
            "capacity": 20,
            "accessibility": (
                "Step-free access from the car park. Hearing loop. Accessible toilet on the "
                "ground floor."
            ),
        },
    )
    library, _made = Venue.objects.get_or_create(
        name="Northbridge Library, Meeting Room 1",
        defaults={
            "address": "Market Square\nNorthbridge\nNB1 4LB",
            "capacity": 12,
            "accessibility": "Lift to the first floor. No hearing loop.",
        },
    )
    Venue.objects.get_or_create(
        name="Old Town Hall, Council Chamber",
        defaults={"address": "Castle Street\nNorthbridge", "active": False},
    )
    lead = None
    if staff is not None:
        lead = Trainer.objects.filter(user=staff).first() or Trainer.objects.create(
            user=staff,
            name=staff.get_full_name(),
            organisation="Northbridge Safeguarding Children Partnership",
            email=staff.email,
        )
    guest, _made = Trainer.objects.get_or_create(
        name="Jo Bloggs",
        defaults={
            "organisation": "Northbridge Children's Charity",
            "email": "jo.bloggs@example.org",
        },
    )
    return {"civic": civic, "library": library, "lead": lead, "guest": guest}


def _morning(course, day, *, trainer, venue, capacity=10, halves=False) -> TrainingSession:
    """A morning session; with ``halves``, in two parts either side of a break."""
    starts = _at(day, 9, 30)
    session = TrainingSession(
        course=course,
        starts_at=starts,
        ends_at=_at(day, 12, 30),
        venue=venue,
        capacity=capacity,
        booking_deadline=starts - datetime.timedelta(days=7),
        cancellation_cutoff=starts - datetime.timedelta(days=3),
        trainer=trainer,
    )
    session.full_clean()
    session.save()
    times = [(starts, _at(day, 12, 30))]
    if halves:
        times = [(starts, _at(day, 11, 0)), (_at(day, 11, 15), _at(day, 12, 30))]
    for order, (begins, ends) in enumerate(times):
        SessionPart.objects.create(
            session=session, starts_at=begins, ends_at=ends, sort_order=order
        )
    return session


def people_places_seed(course) -> None:
    """A morning session that a change of venue or trainer would make clash, and last
    quarter's morning session with its register marked through the service."""
    records = people_places_ensure()
    staff = _user("staff@demo.example")
    upcoming = (
        course.sessions.filter(starts_at__gte=timezone.now(), venue=records["civic"])
        .order_by("starts_at")
        .first()
    )
    if upcoming and not course.sessions.filter(venue=records["library"]).exists():
        _morning(
            course,
            timezone.localdate(upcoming.starts_at),
            trainer=records["guest"],
            venue=records["library"],
        )

    settings = TrainingSettings.load()
    if settings.no_show_charge is None:
        settings.no_show_charge = DEMO_CHARGE
        settings.save(update_fields=["no_show_charge"])

    previous = quarter_of(timezone.localdate()).previous()
    day = previous.first_day + datetime.timedelta(days=40)
    if (
        staff is None
        or course.sessions.filter(
            starts_at__date__gte=previous.first_day,
            starts_at__date__lt=previous.next_first_day,
            trainer=records["guest"],
        ).exists()
    ):
        return
    session = _morning(course, day, trainer=records["guest"], venue=records["library"], halves=True)
    parts = list(session.parts.order_by("sort_order"))
    marks, reasons = {}, {}
    for email, mark, reason, note in NO_SHOW_REGISTER:
        user = _user(email)
        if user is None:
            continue
        booking = Booking.objects.create(
            session=session,
            user=user,
            agency_id=user.agency_id,
            status=BookingStatus.BOOKED,
            created_at=session.starts_at - datetime.timedelta(days=20),
        )
        # Attended: both halves; partly: the first only; did not attend: neither.
        for number, part in enumerate(parts):
            marks[(booking.pk, part.pk)] = mark == Attendance.ATTENDED or (
                mark == Attendance.PARTLY and number == 0
            )
        reasons[booking.pk] = ReasonGiven(reason, note)
    services.attendance_record(
        session=session, marked_by=staff, marks=marks, reasons=reasons, now=session.ends_at
    )
