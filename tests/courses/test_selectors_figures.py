"""courses.selectors.figures: the training figures of the partnership reports, per group."""

import pytest

from courses.models import Attendance, Booking, BookingStatus, Enrolment, TrainingSession
from courses.selectors.figures import (
    booking_figures,
    confidence_distribution,
    confidence_figures,
    enrolment_figures,
    session_places,
)
from tests.factories import UserFactory

from .factories import BookingFactory, EnrolmentFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db


def test_session_places_add_up_sessions_and_places_per_course():
    course = make_course(steps=0)
    SessionFactory(course=course, capacity=10)
    SessionFactory(course=course, capacity=5)
    rows = session_places(TrainingSession.objects.filter(course=course), ("course_id",))
    assert rows == [{"course_id": course.pk, "sessions": 2, "places": 15}]


def test_booking_figures_leave_out_cancelled_and_declined_and_count_attendance():
    session = SessionFactory(capacity=10)
    learner = UserFactory()
    BookingFactory(session=session, user=learner, attendance=Attendance.ATTENDED)
    BookingFactory(session=session, attendance=Attendance.PARTLY)
    BookingFactory(session=session, attendance=Attendance.NO_SHOW)
    BookingFactory(session=session, status=BookingStatus.AWAITING_APPROVAL)
    BookingFactory(session=session, status=BookingStatus.WAITING)
    BookingFactory(session=session, status=BookingStatus.CANCELLED)
    BookingFactory(session=session, status=BookingStatus.DECLINED)

    [row] = booking_figures(Booking.objects.filter(session=session), ("session_id",))

    assert row == {
        "session_id": session.pk,
        "people": 5,
        "filled": 4,
        "waiting": 1,
        "attended": 1,
        "partly": 1,
        "no_show": 1,
    }


def test_enrolment_and_confidence_figures_per_course():
    course = make_course(steps=0)
    learner = UserFactory()
    EnrolmentFactory(course=course, user=learner, confidence_before=2, confidence_after=4)
    EnrolmentFactory(course=course, confidence_before=3, confidence_after=3)
    EnrolmentFactory(course=course, confidence_before=3)  # not rated after: left out of confidence
    enrolments = Enrolment.objects.filter(course=course)

    assert enrolment_figures(enrolments, ("course_id",)) == [
        {"course_id": course.pk, "enrolled": 3, "people": 3}
    ]
    assert confidence_figures(enrolments, ("course_id",)) == [
        {
            "course_id": course.pk,
            "responses": 2,
            "people": 2,
            "before_total": 5,
            "after_total": 7,
            "rose": 1,
        }
    ]


def test_confidence_distribution_counts_each_rating_and_change():
    course = make_course(steps=0)
    EnrolmentFactory(course=course, confidence_before=2, confidence_after=4)
    EnrolmentFactory(course=course, confidence_before=3, confidence_after=3)
    EnrolmentFactory(course=course, confidence_before=5, confidence_after=4)

    counts = confidence_distribution(Enrolment.objects.filter(course=course))

    ratings = {row["rating"]: (row["before"], row["after"]) for row in counts["ratings"]}
    assert ratings == {1: (0, 0), 2: (1, 0), 3: (1, 1), 4: (0, 2), 5: (1, 0)}
    changes = {row["change"]: row["responses"] for row in counts["changes"]}
    assert changes == {"fell": 1, "same": 1, "up_1": 0, "up_2": 1, "up_3_or_more": 0}
