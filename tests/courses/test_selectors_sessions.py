"""courses.selectors.sessions: the upcoming list and each session's places and attendance."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Attendance, BookingStatus, TrainingSession
from courses.selectors.sessions import session_bookings, sessions_summary, upcoming_sessions

from .factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_upcoming_sessions_leave_out_past_cancelled_and_archived_ones_and_count_places():
    now = timezone.now()
    later = SessionFactory(starts_at=now + datetime.timedelta(days=20))
    sooner = SessionFactory(starts_at=now + datetime.timedelta(days=10))
    SessionFactory(starts_at=now - datetime.timedelta(days=1))
    SessionFactory(starts_at=now + datetime.timedelta(days=5), cancelled_at=now)
    SessionFactory(starts_at=now + datetime.timedelta(days=5), archived=True)
    BookingFactory(session=sooner, status=BookingStatus.BOOKED)
    BookingFactory(session=sooner, status=BookingStatus.AWAITING_APPROVAL)
    BookingFactory(session=sooner, status=BookingStatus.WAITING)
    BookingFactory(session=sooner, status=BookingStatus.CANCELLED)

    sessions = list(upcoming_sessions(now=now))

    assert sessions == [sooner, later]
    assert (sessions[0].taken, sessions[0].waiting) == (2, 1)
    assert (sessions[1].taken, sessions[1].waiting) == (0, 0)


def test_sessions_summary_counts_each_status_and_attendance_mark():
    now = timezone.now()
    session = SessionFactory(capacity=4, starts_at=now + datetime.timedelta(days=10))
    BookingFactory(session=session, status=BookingStatus.BOOKED, attendance=Attendance.ATTENDED)
    BookingFactory(session=session, status=BookingStatus.BOOKED, attendance=Attendance.PARTLY)
    BookingFactory(session=session, status=BookingStatus.AWAITING_APPROVAL)
    BookingFactory(session=session, status=BookingStatus.WAITING)
    BookingFactory(session=session, status=BookingStatus.CANCELLED)
    other = SessionFactory(capacity=0, starts_at=now + datetime.timedelta(days=5))

    rows = sessions_summary(TrainingSession.objects.filter(pk__in=[session.pk, other.pk]))

    assert [row["session"] for row in rows] == [other, session]  # by start date
    row = rows[1]
    assert (row["capacity"], row["booked"], row["pending"], row["waiting"]) == (4, 2, 1, 1)
    assert (row["attended"], row["partly"], row["no_show"]) == (1, 1, 0)
    assert row["filled_percent"] == 75
    assert rows[0]["filled_percent"] is None  # no places to fill


def test_session_bookings_are_the_sessions_own():
    session = SessionFactory()
    mine = BookingFactory(session=session)
    BookingFactory()
    assert list(session_bookings(session)) == [mine]
