"""What a course's page shows the person reading it: their enrolment and progress, the
course's upcoming sessions with their own bookings, and their place on the interest list."""

import datetime

from ..models import ACTIVE, OFFER_HOLDS_FOR, Booking, Certificate, CoursePage, Enrolment
from .progress import enrolment_progress
from .sessions import upcoming_sessions


def course_sessions(course: CoursePage, user, *, now: datetime.datetime) -> list:
    """The course's upcoming sessions, each with ``my_booking`` for a signed-in person."""
    sessions = list(upcoming_sessions(now=now).filter(course=course))
    if user.is_authenticated:
        mine = {
            b.session_id: b
            for b in Booking.objects.filter(user=user, session__in=sessions, status__in=ACTIVE)
        }
        for session in sessions:
            session.my_booking = mine.get(session.pk)
    return sessions


def course_interest_context(course: CoursePage, user, *, now: datetime.datetime) -> dict:
    """The person's place on the course's interest list, and whether they may join it."""
    # The interest-list reads live with its services, which import this package.
    from ..services.interest import course_has_free_dates, live_interest

    if not course.has_sessions or course.archived:
        return {}
    interest = live_interest(user, course)
    return {
        "interest": interest,
        "interest_offer_held": interest is not None and interest.holds_offer(now),
        "interest_hold_days": OFFER_HOLDS_FOR.days,
        "can_register_interest": interest is None and not course_has_free_dates(course, now=now),
    }


def course_page_context(*, course: CoursePage, user, now: datetime.datetime) -> dict:
    """Everything the course page adds to Wagtail's page context."""
    enrolment = progress = None
    if user.is_authenticated:
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
        if enrolment:
            progress = enrolment_progress(enrolment)
    return {
        "enrolment": enrolment,
        "progress": progress,
        "certificate": Certificate.objects.filter(enrolment=enrolment).first()
        if enrolment
        else None,
        "steps": course.steps.select_related("page").order_by("sort_order"),
        "sessions": course_sessions(course, user, now=now) if course.has_sessions else [],
        "audiences": course.audiences.all(),
        "prerequisites": course.prerequisites.live(),
        **course_interest_context(course, user, now=now),
    }
