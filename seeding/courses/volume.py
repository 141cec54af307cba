"""Volume data: course enrolments with lesson progress, certificates, and training sessions
with bookings and attendance, created in bulk.

At scale 1.0: 60,000 steps worked through (lesson progress) on four volume courses, with the
certificates and confidence ratings of those who finished, and 2,000 training sessions over
the last two years and the next three months, each with its bookings, waiting list and (once
held) attendance.
"""

import datetime
import random

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from courses.models import (
    Attendance,
    Booking,
    BookingStatus,
    Certificate,
    DeliveryMode,
    Enrolment,
    SessionPart,
    StepView,
    TrainingSession,
    Venue,
)
from courses.services import _add_months
from elearning.accounts.models import User
from elearning.library.models import HomePage
from seeding.accounts.volume import VOLUME_DOMAIN
from seeding.courses.demo import _course, _essentials_step_pages, _index
from seeding.courses.impact import seed_impact_volume

STEP_VIEWS = 60_000
SESSIONS = 2_000
BATCH = 2_000
SLUG_PREFIX = "volume-course-"
PAST_DAYS = 700
FUTURE_DAYS = 90

COURSES = [
    ("essentials", "Volume course: neglect essentials", DeliveryMode.ELEARNING, 36),
    ("chronologies", "Volume course: keeping a chronology", DeliveryMode.ELEARNING, None),
    ("neglect-day", "Volume course: multi-agency neglect day", DeliveryMode.BLENDED, 36),
    (
        "supervision",
        "Volume course: reflective supervision skills",
        DeliveryMode.FACE_TO_FACE,
        None,
    ),
]


def _courses():
    home = HomePage.objects.get()
    index = _index(home)
    pages = _essentials_step_pages(home)
    courses = []
    for slug, title, mode, refresher in COURSES:
        steps = [] if mode == DeliveryMode.FACE_TO_FACE else pages
        courses.append(
            _course(
                index,
                title,
                SLUG_PREFIX + slug,
                summary="A course made for measuring the site with realistic volume.",
                delivery_mode=mode,
                refresher_months=refresher,
                require_session_attended=mode != DeliveryMode.ELEARNING,
                step_pages=steps if mode == DeliveryMode.ELEARNING else steps[:2],
            )
        )
    return courses


def seed_volume(scale: float, rng: random.Random) -> dict:
    courses = _courses()
    people = list(
        User.objects.filter(email__endswith=f"@{VOLUME_DOMAIN}").values_list(
            "pk", "first_name", "last_name"
        )
    )
    if not people:
        return {"step views": 0, "sessions": 0}
    views = _enrolments(courses, people, round(STEP_VIEWS * scale), rng)
    sessions = _sessions(courses, [pk for pk, *_ in people], round(SESSIONS * scale), rng)
    # Bulk creation skips the services, which store the agency at the time: copy it across.
    agency = Subquery(User.objects.filter(pk=OuterRef("user_id")).values("agency_id")[:1])
    for model in (Enrolment, Booking):
        model.objects.filter(agency__isnull=True).update(agency_id=agency)
    Certificate.objects.filter(agency__isnull=True).update(
        agency_id=Subquery(
            Enrolment.objects.filter(pk=OuterRef("enrolment_id")).values("agency_id")[:1]
        )
    )
    follow_ups = seed_impact_volume(rng)
    return {"step views": views, "sessions": sessions, "impact follow-ups": follow_ups}


def _enrolments(courses, people, wanted: int, rng: random.Random) -> int:
    """Enrol people on the courses with steps until ``wanted`` steps have been viewed."""
    with_steps = [(c, list(c.steps.order_by("sort_order", "pk"))) for c in courses]
    with_steps = [(c, steps) for c, steps in with_steps if steps]
    ids = [c.pk for c, _ in with_steps]
    existing = StepView.objects.filter(enrolment__course_id__in=ids).count()
    if not with_steps or existing >= wanted:
        return existing
    taken = set(Enrolment.objects.filter(course_id__in=ids).values_list("user_id", "course_id"))
    now = timezone.now()
    names = {pk: f"{first} {last}" for pk, first, last in people}
    remaining = wanted - existing
    pairs = len(people) * len(with_steps)
    # Each round enrols a batch of people; the number of steps each works through decides
    # how many of the wanted views the round uses up. Completion is not cross-checked against
    # attendance: the figures, not the rules, are what volume is for.
    while remaining > 0 and len(taken) < pairs:
        plans = []
        while len(plans) < BATCH // 4 and remaining > 0 and len(taken) < pairs:
            course, steps = rng.choice(with_steps)
            user_id = rng.choice(people)[0]
            if (user_id, course.pk) in taken:
                continue
            taken.add((user_id, course.pk))
            done = len(steps) if rng.random() < 0.55 else rng.randint(1, len(steps))
            done = min(done, remaining)
            remaining -= done
            enrolled_at = now - datetime.timedelta(minutes=rng.randint(60, 1150 * 24 * 60))
            before = rng.choice([1, 2, 2, 3, 3, 3, 4])
            finished = done == len(steps) and rng.random() < 0.85
            evaluated_at = None
            if finished:
                evaluated_at = min(now, enrolled_at + datetime.timedelta(days=rng.randint(1, 40)))
            after = min(5, before + rng.choice([0, 1, 1, 1, 2, 2])) if finished else None
            enrolment = Enrolment(
                user_id=user_id,
                course=course,
                enrolled_at=enrolled_at,
                confidence_before=before,
                confidence_after=after,
                usefulness=rng.randint(3, 5) if finished else None,
                evaluated_at=evaluated_at,
            )
            plans.append((enrolment, steps[:done], evaluated_at, course))
        Enrolment.objects.bulk_create([plan[0] for plan in plans])
        StepView.objects.bulk_create(
            [
                StepView(
                    enrolment=enrolment,
                    step=step,
                    viewed_at=enrolment.enrolled_at + datetime.timedelta(hours=i + 1),
                )
                for enrolment, viewed, _evaluated, _course in plans
                for i, step in enumerate(viewed)
            ],
            batch_size=BATCH,
        )
        Certificate.objects.bulk_create(
            [
                _certificate(enrolment, course, timezone.localdate(evaluated_at), names)
                for enrolment, _viewed, evaluated_at, course in plans
                if evaluated_at is not None
            ],
            batch_size=BATCH,
        )
    return wanted - max(remaining, 0)


def _certificate(enrolment, course, completed_on, names) -> Certificate:
    return Certificate(
        enrolment=enrolment,
        learner_name=names[enrolment.user_id],
        course_title=course.title,
        cpd_hours=course.cpd_hours,
        completed_on=completed_on,
        expires_on=_add_months(completed_on, course.refresher_months)
        if course.refresher_months
        else None,
        issued_at=enrolment.evaluated_at,
    )


def _sessions(courses, people: list[int], wanted: int, rng: random.Random) -> int:
    """Sessions of the courses delivered face to face, with bookings and attendance."""
    delivered = [c for c in courses if c.delivery_mode != DeliveryMode.ELEARNING]
    existing = TrainingSession.objects.filter(course__in=delivered).count()
    if existing >= wanted:
        return existing
    now = timezone.now()
    created = 0
    # Made in bulk, not through the session service: the volume data does not avoid clashes.
    venue, _made = Venue.objects.get_or_create(
        name="Volume Civic Centre, Training Room 1", defaults={"address": "Volume Street"}
    )
    while existing + created < wanted:
        size = min(BATCH // 10, wanted - existing - created)
        sessions = []
        for _ in range(size):
            starts = now + datetime.timedelta(
                minutes=rng.randint(-PAST_DAYS * 24 * 60, FUTURE_DAYS * 24 * 60)
            )
            online = rng.random() < 0.3
            sessions.append(
                TrainingSession(
                    course=rng.choice(delivered),
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=rng.choice([3, 6])),
                    venue=None if online else venue,
                    joining_details="Join from the link in your calendar." if online else "",
                    capacity=rng.randint(12, 30),
                    booking_deadline=starts - datetime.timedelta(days=7),
                    cancellation_cutoff=starts - datetime.timedelta(days=3),
                )
            )
        TrainingSession.objects.bulk_create(sessions)
        SessionPart.objects.bulk_create(
            [SessionPart(session=s, starts_at=s.starts_at, ends_at=s.ends_at) for s in sessions]
        )
        Booking.objects.bulk_create(
            [booking for s in sessions for booking in _bookings(s, people, now, rng)],
            batch_size=BATCH,
        )
        created += size
    return existing + created


def _bookings(session, people: list[int], now, rng: random.Random) -> list[Booking]:
    """Places taken up to capacity, a waiting list when demand is high, a few cancellations,
    and attendance once the session has happened."""
    demand = min(len(people), round(session.capacity * rng.uniform(0.5, 1.4)))
    held = session.starts_at < now
    bookings = []
    for place, user_id in enumerate(rng.sample(people, demand)):
        status, attendance = BookingStatus.BOOKED, ""
        if rng.random() < 0.06:
            status = BookingStatus.CANCELLED
        elif place >= session.capacity:
            status = BookingStatus.WAITING
        elif not held and rng.random() < 0.08:
            status = BookingStatus.AWAITING_APPROVAL
        elif held:
            attendance = rng.choices(
                [Attendance.ATTENDED, Attendance.PARTLY, Attendance.NO_SHOW], [80, 6, 14]
            )[0]
        bookings.append(
            Booking(
                session=session,
                user_id=user_id,
                status=status,
                created_at=session.starts_at - datetime.timedelta(days=rng.randint(8, 60)),
                cancelled_at=session.starts_at - datetime.timedelta(days=5)
                if status == BookingStatus.CANCELLED
                else None,
                attendance=attendance,
            )
        )
    return bookings
