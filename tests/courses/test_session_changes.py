"""Every change to a training session goes through the services, from code and from the admin
screen: more places promote the waiting list, a new time or place (or a cancellation) tells
everyone booked with an updated calendar file, 0 places is refused, and the register opens
only once the session has started."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Booking, BookingStatus, Certificate, TrainingSession
from tests.factories import UserFactory

from .factories import (
    BookingFactory,
    SessionFactory,
    VenueFactory,
    blended_course,
    started_session,
)

pytestmark = pytest.mark.django_db


def _ics(message) -> str | None:
    found = [a[1] for a in message.attachments if a[2] == "text/calendar"]
    return found[0] if found else None


def _uid(ics: str) -> str:
    return next(line for line in ics.splitlines() if line.startswith("UID:"))


def _admin_data(session, **changes) -> dict:
    local = {
        name: timezone.localtime(getattr(session, name)).strftime("%Y-%m-%d %H:%M")
        for name in ("starts_at", "ends_at", "booking_deadline", "cancellation_cutoff")
    }
    data = {
        "course": session.course_id,
        "venue": session.venue_id or "",
        "joining_details": session.joining_details,
        "capacity": session.capacity,
        "trainer": session.trainer_id or "",
        **local,
    }
    data.update(changes)
    # The session's times are its one part's, edited in the admin's "Parts" panel.
    part = session.parts.first() if session.pk else None
    data.update(
        {
            "parts-TOTAL_FORMS": "1",
            "parts-INITIAL_FORMS": "1" if part else "0",
            "parts-MIN_NUM_FORMS": "1",
            "parts-MAX_NUM_FORMS": "1000",
            "parts-0-id": part.pk if part else "",
            "parts-0-ORDER": "1",
            "parts-0-DELETE": "",
            "parts-0-starts_at": data.pop("starts_at"),
            "parts-0-ends_at": data.pop("ends_at"),
            "parts-0-venue": "",
        }
    )
    return data


# --- Services ----------------------------------------------------------------------------


def test_more_places_promote_the_waiting_list_in_order_and_email_them(staff, mailoutbox):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    first = BookingFactory(session=session, status=BookingStatus.WAITING)
    second = BookingFactory(session=session, status=BookingStatus.WAITING)
    third = BookingFactory(session=session, status=BookingStatus.WAITING)
    session.capacity = 3
    services.session_save(by=staff, session=session)
    statuses = dict(Booking.objects.values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == BookingStatus.BOOKED
    assert statuses[third.pk] == BookingStatus.WAITING
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.user.email, second.user.email])
    assert all("More places have been added" in m.body for m in mailoutbox)
    assert all(_ics(m) for m in mailoutbox)


def test_new_time_tells_everyone_booked_with_a_higher_sequence_and_same_uid(staff, mailoutbox):
    session = SessionFactory(capacity=1)
    booked = BookingFactory(session=session)
    waiting = BookingFactory(session=session, status=BookingStatus.WAITING)
    BookingFactory(session=session, status=BookingStatus.CANCELLED)
    from courses.ics import session_ics

    old_uid = _uid(session_ics(session, include_joining_details=True))
    session.starts_at += datetime.timedelta(hours=1)
    session.ends_at += datetime.timedelta(hours=1)
    saved = services.session_save(by=staff, session=session)
    assert saved.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([booked.user.email, waiting.user.email])
    to_booked = next(m for m in mailoutbox if m.to == [booked.user.email])
    ics = _ics(to_booked)
    assert "SEQUENCE:1" in ics and "METHOD:REQUEST" in ics
    assert _uid(ics) == old_uid
    assert "changed" in to_booked.subject
    # The person waiting never had a calendar entry, so gets the news without a file.
    assert _ics(next(m for m in mailoutbox if m.to == [waiting.user.email])) is None


def test_new_venue_raises_the_sequence_again(staff, mailoutbox):
    session = SessionFactory(sequence=2)
    BookingFactory(session=session)
    session.venue = VenueFactory(name="Town Hall, Room 1")
    services.session_save(by=staff, session=session)
    assert "SEQUENCE:3" in _ics(mailoutbox[-1])
    assert "Town Hall" in mailoutbox[-1].body


def test_change_that_is_not_time_or_place_sends_nothing(staff, mailoutbox):
    session = SessionFactory()
    BookingFactory(session=session)
    session.capacity = 20
    saved = services.session_save(by=staff, session=session)
    assert saved.sequence == 0
    assert mailoutbox == []


def test_cancelling_tells_everyone_cancels_bookings_and_keeps_them(staff, mailoutbox):
    session = SessionFactory(capacity=1)
    booked = BookingFactory(session=session)
    waiting = BookingFactory(session=session, status=BookingStatus.WAITING)
    cancelled = services.session_cancel(by=staff, session=session)
    assert cancelled.is_cancelled and cancelled.sequence == 1
    assert set(Booking.objects.values_list("status", flat=True)) == {BookingStatus.CANCELLED}
    assert Booking.objects.count() == 2
    ics = _ics(next(m for m in mailoutbox if m.to == [booked.user.email]))
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics and "SEQUENCE:1" in ics
    assert any(m.to == [waiting.user.email] for m in mailoutbox)
    assert all("cancelled" in m.subject for m in mailoutbox)
    # A cancelled session takes no bookings and no more changes, and leaves the lists.
    with pytest.raises(services.CourseRefusal, match="cancelled"):
        services.booking_create(session=cancelled, user=UserFactory())
    cancelled.capacity = 5
    with pytest.raises(services.CourseRefusal, match="cancelled"):
        services.session_save(by=staff, session=cancelled)
    with pytest.raises(services.CourseRefusal, match="already been cancelled"):
        services.session_cancel(by=staff, session=cancelled)
    from courses.selectors import upcoming_sessions

    assert not upcoming_sessions().filter(pk=session.pk).exists()


def test_zero_places_is_refused_by_the_model_and_the_service(staff):
    session = SessionFactory(capacity=4)
    session.capacity = 0
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "at least one place" in str(error.value)
    with pytest.raises(ValidationError, match="at least one place"):
        services.session_save(by=staff, session=session)
    assert TrainingSession.objects.get(pk=session.pk).capacity == 4


def test_fewer_places_than_people_booked_is_refused(staff, mailoutbox):
    session = SessionFactory(capacity=3)
    BookingFactory.create_batch(2, session=session)
    session.capacity = 1
    with pytest.raises(services.CourseRefusal, match="2 people already have a place"):
        services.session_save(by=staff, session=session)
    assert TrainingSession.objects.get(pk=session.pk).capacity == 3
    assert mailoutbox == []


def test_only_partnership_staff_change_or_cancel_sessions(practitioner):
    session = SessionFactory()
    session.capacity = 50
    with pytest.raises(services.CourseRefusal):
        services.session_save(by=practitioner, session=session)
    with pytest.raises(services.CourseRefusal):
        services.session_cancel(by=practitioner, session=session)
    session.refresh_from_db()
    assert session.capacity == 10 and not session.is_cancelled


# --- Admin screen ------------------------------------------------------------------------


def test_admin_create_goes_through_the_service(login, staff):
    template = SessionFactory.build(course=SessionFactory().course, venue=None)
    library = VenueFactory(name="Library, Room 3")
    response = login(staff).post(
        reverse("training_sessions:add"), _admin_data(template, venue=library.pk)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = TrainingSession.objects.get(venue=library)
    assert created.sequence == 0


def test_admin_refuses_zero_places_with_a_clear_message(login, staff):
    session = SessionFactory(capacity=4)
    response = login(staff).post(
        reverse("training_sessions:edit", args=[session.pk]), _admin_data(session, capacity=0)
    )
    assert response.status_code == 200
    assert "A session needs at least one place" in response.content.decode()
    assert TrainingSession.objects.get(pk=session.pk).capacity == 4


def test_admin_refuses_fewer_places_than_booked_on_the_form(login, staff, mailoutbox):
    session = SessionFactory(capacity=3)
    BookingFactory.create_batch(2, session=session)
    response = login(staff).post(
        reverse("training_sessions:edit", args=[session.pk]), _admin_data(session, capacity=1)
    )
    assert response.status_code == 200
    assert "2 people already have a place" in response.content.decode()
    assert TrainingSession.objects.get(pk=session.pk).capacity == 3


def test_admin_more_places_promote_and_new_time_notifies(login, staff, mailoutbox):
    session = SessionFactory(capacity=1)
    booked = BookingFactory(session=session)
    waiting = BookingFactory(session=session, status=BookingStatus.WAITING)
    later = timezone.localtime(session.starts_at + datetime.timedelta(hours=2))
    response = login(staff).post(
        reverse("training_sessions:edit", args=[session.pk]),
        _admin_data(
            session,
            capacity=2,
            starts_at=later.strftime("%Y-%m-%d %H:%M"),
            ends_at=(later + datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.BOOKED
    to_booked = next(m for m in mailoutbox if m.to == [booked.user.email])
    assert "SEQUENCE:1" in _ics(to_booked)
    to_promoted = [m for m in mailoutbox if m.to == [waiting.user.email]]
    assert len(to_promoted) == 1 and "A place has come up" in to_promoted[0].subject


def test_admin_cancel_box_cancels_through_the_service(login, staff, mailoutbox):
    session = SessionFactory()
    booked = BookingFactory(session=session)
    response = login(staff).post(
        reverse("training_sessions:edit", args=[session.pk]),
        _admin_data(session, cancel_session="on"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.is_cancelled
    assert "METHOD:CANCEL" in _ics(next(m for m in mailoutbox if m.to == [booked.user.email]))


# --- Register ----------------------------------------------------------------------------


def test_register_is_refused_before_the_session_starts(staff, practitioner):
    course = blended_course(steps=0, require_evaluation=False)
    session = SessionFactory(course=course)
    from courses.models import Enrolment

    Enrolment.objects.create(user=practitioner, course=course, confidence_before=2)
    booking = BookingFactory(session=session, user=practitioner)
    with pytest.raises(services.CourseRefusal, match="opens when the session starts"):
        services.attendance_record(
            session=session, marked_by=staff, marks={(booking.pk, session.parts.get().pk): True}
        )
    booking.refresh_from_db()
    assert booking.attendance == ""
    assert not Certificate.objects.exists()
    # Once it has started the same marks are accepted (and complete the course).
    services.attendance_record(
        session=session,
        marked_by=staff,
        marks={(booking.pk, session.parts.get().pk): True},
        now=session.starts_at + datetime.timedelta(minutes=5),
    )
    assert Certificate.objects.filter(enrolment__user=practitioner).exists()


def test_register_page_says_when_it_opens_and_refuses_early_marks(login, staff):
    session = SessionFactory()
    booking = BookingFactory(session=session)
    client = login(staff)
    url = reverse("courses:register", args=[session.pk])
    html = client.get(url).content.decode()
    assert "The register opens when the session starts" in html
    assert 'type="checkbox"' not in html
    cell = f"{booking.pk}-{session.parts.get().pk}"
    response = client.post(url, {"marked": cell, "attended": cell}, follow=True)
    assert "The register opens when the session starts" in response.content.decode()
    booking.refresh_from_db()
    assert booking.attendance == ""


def test_register_page_opens_once_started(login, staff):
    session = started_session()
    BookingFactory(session=session)
    html = login(staff).get(reverse("courses:register", args=[session.pk])).content.decode()
    assert "The register opens" not in html
    assert 'type="checkbox"' in html
