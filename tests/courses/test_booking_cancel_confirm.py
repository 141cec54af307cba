"""Cancelling a booking asks first: the link opens a confirmation page, only its POST cancels,
and the refusals stay (after the cut-off; someone else's booking is not found)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Booking, BookingStatus

from .factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _url(booking):
    return reverse("courses:booking_cancel", args=[booking.pk])


def test_the_session_page_links_to_the_confirmation(practitioner, login):
    booking = BookingFactory(user=practitioner)
    page = login(practitioner).get(reverse("courses:session_detail", args=[booking.session_id]))
    html = page.content.decode()
    assert f'href="{_url(booking)}"' in html
    assert f'action="{_url(booking)}"' not in html


def test_asking_shows_what_will_be_cancelled_and_changes_nothing(practitioner, login):
    booking = BookingFactory(user=practitioner)
    response = login(practitioner).get(_url(booking))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Are you sure you want to cancel your place?" in html
    assert booking.session.course.title in html
    assert "Cancel by" in html
    assert "Yes, cancel my place" in html
    assert "Keep my place" in html
    assert reverse("courses:session_detail", args=[booking.session_id]) in html
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_only_the_post_cancels(practitioner, login):
    booking = BookingFactory(user=practitioner)
    response = login(practitioner).post(_url(booking))
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:session_detail", args=[booking.session_id])
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_waiting_list_wording(practitioner, login):
    booking = BookingFactory(user=practitioner, status=BookingStatus.WAITING)
    html = login(practitioner).get(_url(booking)).content.decode()
    assert "Yes, leave the waiting list" in html and "Stay on the waiting list" in html


def test_after_the_cut_off_there_is_no_button_and_the_post_is_refused(practitioner, login):
    passed = timezone.now() - datetime.timedelta(minutes=1)
    booking = BookingFactory(user=practitioner, session=SessionFactory(cancellation_cutoff=passed))
    client = login(practitioner)
    html = client.get(_url(booking)).content.decode()
    assert "The cancellation cut-off has passed" in html
    assert "Yes, cancel my place" not in html
    response = client.post(_url(booking), follow=True)
    assert "could only be cancelled online until" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_someone_elses_booking_is_not_found(practitioner, other_practitioner, login):
    booking = BookingFactory(user=practitioner)
    client = login(other_practitioner)
    assert client.get(_url(booking)).status_code == 404
    assert client.post(_url(booking)).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_an_already_cancelled_booking_goes_back_to_the_session(practitioner, login):
    booking = BookingFactory(user=practitioner, status=BookingStatus.CANCELLED)
    response = login(practitioner).get(_url(booking), follow=True)
    assert "already been cancelled" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED
