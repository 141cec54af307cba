"""Booking, waiting list, promotion, approval, cancellation and e-mails with calendar files."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.ics import session_ics
from courses.models import Booking, BookingStatus
from tests.factories import UserFactory, role_user

from .factories import BookingFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db


def _ics_attachments(message):
    return [a for a in message.attachments if a[2] == "text/calendar"]


def test_booking_gives_a_place_and_emails_a_calendar_file(practitioner, mailoutbox):
    session = SessionFactory(capacity=2)
    booking = services.booking_create(session=session, user=practitioner)
    assert booking.status == BookingStatus.BOOKED
    assert mailoutbox[-1].to == [practitioner.email]
    assert "confirmed" in mailoutbox[-1].subject
    (attachment,) = _ics_attachments(mailoutbox[-1])
    assert attachment[0].endswith(".ics")
    assert "BEGIN:VEVENT" in attachment[1]
    assert "DTSTART:" in attachment[1]


def test_full_session_puts_people_on_the_waiting_list(practitioner, other_practitioner):
    session = SessionFactory(capacity=1)
    services.booking_create(session=session, user=practitioner)
    second = services.booking_create(session=session, user=other_practitioner)
    assert second.status == BookingStatus.WAITING


def test_booking_twice_is_refused_and_nothing_changes(practitioner):
    session = SessionFactory()
    services.booking_create(session=session, user=practitioner)
    with pytest.raises(services.CourseRefusal, match="already booked"):
        services.booking_create(session=session, user=practitioner)
    assert Booking.objects.filter(session=session).count() == 1


def test_booking_after_the_deadline_is_refused(practitioner):
    session = SessionFactory(booking_deadline=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(services.CourseRefusal, match="closed"):
        services.booking_create(session=session, user=practitioner)
    assert not Booking.objects.exists()


def test_cancelling_promotes_the_first_person_waiting_and_emails_them(mailoutbox):
    session = SessionFactory(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    booked = services.booking_create(session=session, user=first)
    services.booking_create(session=session, user=second)
    services.booking_create(session=session, user=third)
    mailoutbox.clear()

    services.booking_cancel(booking=booked, user=first)

    statuses = dict(Booking.objects.values_list("user_id", "status"))
    assert statuses == {
        first.pk: BookingStatus.CANCELLED,
        second.pk: BookingStatus.BOOKED,
        third.pk: BookingStatus.WAITING,
    }
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert "cancelled" in subjects[first.email].lower()
    assert "place has come up" in subjects[second.email]
    assert third.email not in subjects
    assert (
        "METHOD:CANCEL"
        in _ics_attachments(next(m for m in mailoutbox if m.to == [first.email]))[0][1]
    )


def test_cancelling_after_the_cut_off_is_refused(practitioner):
    session = SessionFactory()
    booking = services.booking_create(session=session, user=practitioner)
    late = session.cancellation_cutoff + datetime.timedelta(minutes=1)
    with pytest.raises(services.CourseRefusal, match="could only be cancelled"):
        services.booking_cancel(booking=booking, user=practitioner, now=late)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_leaving_the_waiting_list_is_allowed_after_the_cut_off(practitioner, other_practitioner):
    session = SessionFactory(capacity=1)
    services.booking_create(session=session, user=practitioner)
    waiting = services.booking_create(session=session, user=other_practitioner)
    late = session.cancellation_cutoff + datetime.timedelta(minutes=1)
    services.booking_cancel(booking=waiting, user=other_practitioner, now=late)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.CANCELLED


def test_nobody_cancels_someone_elses_booking(login, practitioner, other_practitioner):
    booking = BookingFactory(user=practitioner)
    response = login(other_practitioner).post(reverse("courses:booking_cancel", args=[booking.pk]))
    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_manager_approval_holds_a_place_until_the_manager_decides(mailoutbox):
    manager = role_user("supervisor")
    learner = UserFactory(confirmed_manager=manager)
    course = make_course(requires_manager_approval=True, delivery_mode="face_to_face")
    session = SessionFactory(course=course, capacity=1)
    booking = services.booking_create(session=session, user=learner)
    assert booking.status == BookingStatus.AWAITING_APPROVAL
    assert any(m.to == [manager.email] and "approve" in m.subject for m in mailoutbox)

    outsider = UserFactory()
    with pytest.raises(services.CourseRefusal):
        services.booking_decide(booking=booking, approver=outsider, approve=True)
    services.booking_decide(booking=booking, approver=manager, approve=True)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    assert booking.decided_by == manager


def test_declining_releases_the_place_to_the_waiting_list():
    manager = UserFactory()
    course = make_course(requires_manager_approval=True, delivery_mode="face_to_face")
    session = SessionFactory(course=course, capacity=1)
    first = services.booking_create(session=session, user=UserFactory(confirmed_manager=manager))
    second = services.booking_create(session=session, user=UserFactory())
    assert second.status == BookingStatus.WAITING
    services.booking_decide(booking=first, approver=manager, approve=False)
    second.refresh_from_db()
    assert second.status == BookingStatus.AWAITING_APPROVAL


def test_approvals_page_only_lets_the_manager_decide(login):
    manager = UserFactory()
    course = make_course(requires_manager_approval=True, delivery_mode="face_to_face")
    session = SessionFactory(course=course)
    booking = services.booking_create(session=session, user=UserFactory(confirmed_manager=manager))
    stranger = UserFactory()
    login(stranger).post(
        reverse("courses:approvals"), {"booking": booking.pk, "decision": "approve"}
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.AWAITING_APPROVAL
    response = login(manager).post(
        reverse("courses:approvals"), {"booking": booking.pk, "decision": "approve"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_session_page_books_and_shows_joining_details_only_to_booked(
    login, practitioner, other_practitioner
):
    session = SessionFactory(venue="", joining_details="Meeting code 555-SECRET")
    client = login(practitioner)
    page = client.get(reverse("courses:session_detail", args=[session.pk])).content.decode()
    assert "555-SECRET" not in page
    response = client.post(reverse("courses:session_book", args=[session.pk]), follow=True)
    assert "Your place is confirmed" in response.content.decode()
    assert "555-SECRET" in response.content.decode()
    other = login(other_practitioner).get(reverse("courses:session_detail", args=[session.pk]))
    assert "555-SECRET" not in other.content.decode()


def test_session_page_shows_refusal_for_a_closed_session(login, practitioner):
    session = SessionFactory(booking_deadline=timezone.now() - datetime.timedelta(hours=1))
    response = login(practitioner).post(
        reverse("courses:session_book", args=[session.pk]), follow=True
    )
    assert "closed" in response.content.decode()
    assert not Booking.objects.exists()


def test_session_list_is_public(client):
    session = SessionFactory()
    response = client.get(reverse("courses:session_list"))
    assert response.status_code == 200
    assert session.course.title in response.content.decode()


def test_calendar_download_needs_a_confirmed_place(login, practitioner, other_practitioner):
    booking = BookingFactory(user=practitioner)
    url = reverse("courses:session_ics", args=[booking.session_id])
    assert login(other_practitioner).get(url).status_code == 404
    response = login(practitioner).get(url)
    assert response["Content-Type"] == "text/calendar"
    assert b"BEGIN:VCALENDAR" in response.content


def test_ics_escapes_text_and_folds_long_lines():
    session = SessionFactory(venue="Room 1; Floor 2, Town Hall\n" + "x" * 100)
    text = session_ics(session, include_joining_details=False)
    assert "Room 1\\; Floor 2\\, Town Hall" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_reminders_are_sent_once_to_people_with_places(mailoutbox):
    soon = timezone.now() + datetime.timedelta(days=1)
    session = SessionFactory(
        starts_at=soon,
        booking_deadline=soon - datetime.timedelta(hours=2),
        cancellation_cutoff=soon - datetime.timedelta(hours=2),
    )
    BookingFactory(session=session)
    BookingFactory(session=session, status=BookingStatus.WAITING)
    assert services.session_reminders_send() == 1
    assert "Reminder" in mailoutbox[-1].subject
    assert _ics_attachments(mailoutbox[-1])
    assert services.session_reminders_send() == 0


@pytest.mark.django_db(transaction=True)
def test_thirty_people_booking_ten_places_at_once_get_exactly_ten():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent row locking is tested on PostgreSQL (set DATABASE_URL).")
    session = SessionFactory(capacity=10)
    users = [UserFactory() for _ in range(30)]
    barrier = threading.Barrier(30)
    errors = []

    def book(user):
        try:
            barrier.wait()
            services.booking_create(session=session, user=user)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    statuses = list(Booking.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(BookingStatus.BOOKED) == 10
    assert statuses.count(BookingStatus.WAITING) == 20


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_do_not_error_on_sqlite_either():
    """Sequential on SQLite (one writer at a time), but the same code path must not fail."""
    session = SessionFactory(capacity=2)
    for _ in range(4):
        services.booking_create(session=session, user=UserFactory())
    statuses = list(Booking.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(BookingStatus.BOOKED) == 2
    assert statuses.count(BookingStatus.WAITING) == 2


def test_people_can_book_again_after_cancelling(practitioner):
    session = SessionFactory()
    first = services.booking_create(session=session, user=practitioner)
    services.booking_cancel(booking=first, user=practitioner)
    again = services.booking_create(session=session, user=practitioner)
    assert again.status == BookingStatus.BOOKED
    assert Booking.objects.filter(session=session, user=practitioner).count() == 2


def test_joining_details_go_only_to_people_with_a_confirmed_place(
    practitioner, other_practitioner, mailoutbox
):
    session = SessionFactory(capacity=1, venue="", joining_details="Code 9876")
    services.booking_create(session=session, user=practitioner)
    services.booking_create(session=session, user=other_practitioner)
    confirmed, waiting = mailoutbox
    assert "Code 9876" in confirmed.body
    assert "Code 9876" in _ics_attachments(confirmed)[0][1]
    assert "Code 9876" not in waiting.body
    assert not _ics_attachments(waiting)
