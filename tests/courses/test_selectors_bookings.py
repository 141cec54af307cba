"""courses.selectors.bookings: whether a session takes bookings, whether a place can still be
cancelled, and a person's standing on the session page."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from courses.models import BookingStatus
from courses.selectors.bookings import (
    booking_open,
    booking_past_cut_off,
    session_booking_state,
)

from .factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_booking_is_open_until_the_deadline():
    session = SessionFactory()
    assert booking_open(session, now=session.booking_deadline - DAY)
    assert booking_open(session, now=session.booking_deadline)
    assert not booking_open(session, now=session.booking_deadline + DAY)


def test_booking_is_closed_on_a_cancelled_or_archived_session():
    cancelled = SessionFactory(cancelled_at=timezone.now())
    archived = SessionFactory(archived=True)
    now = timezone.now()
    assert not booking_open(cancelled, now=now)
    assert not booking_open(archived, now=now)


def test_a_place_is_past_its_cut_off_only_after_the_cut_off():
    booking = BookingFactory(status=BookingStatus.BOOKED)
    cutoff = booking.session.cancellation_cutoff
    assert not booking_past_cut_off(booking, now=cutoff - DAY)
    assert booking_past_cut_off(booking, now=cutoff + DAY)


def test_the_waiting_list_can_always_be_left():
    booking = BookingFactory(status=BookingStatus.WAITING)
    assert not booking_past_cut_off(booking, now=booking.session.cancellation_cutoff + DAY)


def test_someone_signed_out_sees_an_open_session_with_places():
    session = SessionFactory(capacity=2)
    BookingFactory(session=session, status=BookingStatus.BOOKED)
    state = session_booking_state(session=session, user=AnonymousUser(), now=timezone.now())
    assert state.booking is None
    assert state.counts["booked"] == 1
    assert state.open and not state.full and not state.has_ended
    assert not state.can_cancel and not state.confirmed and not state.waiting


def test_a_person_with_a_place_sees_it_confirmed_and_can_cancel_before_the_cut_off(practitioner):
    session = SessionFactory(capacity=5)
    booking = BookingFactory(session=session, user=practitioner, status=BookingStatus.BOOKED)
    before = session_booking_state(session=session, user=practitioner, now=timezone.now())
    assert before.booking == booking
    assert before.confirmed and not before.waiting
    assert before.can_cancel
    after = session_booking_state(
        session=session, user=practitioner, now=session.cancellation_cutoff + DAY
    )
    assert after.confirmed and not after.can_cancel


def test_places_held_and_awaiting_approval_fill_the_session(practitioner):
    session = SessionFactory(capacity=2)
    BookingFactory(session=session, status=BookingStatus.BOOKED)
    BookingFactory(session=session, status=BookingStatus.AWAITING_APPROVAL)
    BookingFactory(session=session, user=practitioner, status=BookingStatus.WAITING)
    state = session_booking_state(session=session, user=practitioner, now=timezone.now())
    assert state.full
    assert state.waiting and not state.confirmed
    assert state.can_cancel  # leaving the waiting list


def test_a_cancelled_booking_is_not_the_persons_standing(practitioner):
    session = SessionFactory()
    BookingFactory(session=session, user=practitioner, status=BookingStatus.CANCELLED)
    state = session_booking_state(session=session, user=practitioner, now=timezone.now())
    assert state.booking is None
    assert state.counts["booked"] == 0


def test_a_session_that_has_ended_says_so():
    session = SessionFactory(starts_at=timezone.now() - 2 * DAY)
    state = session_booking_state(session=session, user=AnonymousUser(), now=timezone.now())
    assert state.has_ended
    assert not state.open
