"""The session register and sign-in sheet: who may mark attendance at each part, and what it
records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.models import Attendance, Booking, BookingStatus, PartAttendance, SessionPart
from tests.factories import UserFactory

from .factories import BookingFactory, started_session

pytestmark = pytest.mark.django_db


def cell(booking, part=None) -> str:
    part = part or booking.session.parts.get()
    return f"{booking.pk}-{part.pk}"


def test_named_trainer_marks_the_register(login):
    trainer = UserFactory()
    session = started_session(trainer=trainer)
    present, absent = BookingFactory(session=session), BookingFactory(session=session)
    response = login(trainer).post(
        reverse("courses:register", args=[session.pk]),
        {"marked": [cell(present), cell(absent)], "attended": [cell(present)]},
    )
    assert response.status_code == 302
    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.attendance, absent.attendance) == (Attendance.ATTENDED, Attendance.NO_SHOW)
    assert present.attendance_marked_by == trainer
    record = PartAttendance.objects.get(booking=present)
    assert (record.attended, record.method, record.marked_by) == (True, "trainer", trainer)


def test_partnership_staff_mark_any_register(login, staff):
    booking = BookingFactory(session=started_session())
    login(staff).post(
        reverse("courses:register", args=[booking.session_id]),
        {"marked": cell(booking), "attended": cell(booking)},
    )
    booking.refresh_from_db()
    assert booking.attendance == Attendance.ATTENDED


@pytest.mark.parametrize("who", ["practitioner", "supervisor", "booked"])
def test_people_without_trainer_rights_cannot_mark_attendance(login, who, practitioner, supervisor):
    booking = BookingFactory(session=started_session())
    user = {"practitioner": practitioner, "supervisor": supervisor, "booked": booking.user}[who]
    client = login(user)
    url = reverse("courses:register", args=[booking.session_id])
    assert client.get(url).status_code == 403
    assert client.post(url, {"marked": cell(booking), "attended": cell(booking)}).status_code == 403
    assert (
        client.get(reverse("courses:sign_in_sheet", args=[booking.session_id])).status_code == 403
    )
    booking.refresh_from_db()
    assert booking.attendance == ""
    assert not PartAttendance.objects.exists()


def test_service_refuses_attendance_without_trainer_rights(practitioner):
    booking = BookingFactory(session=started_session())
    with pytest.raises(services.CourseRefusal):
        services.attendance_record(
            session=booking.session,
            marked_by=practitioner,
            marks={(booking.pk, booking.session.parts.get().pk): True},
        )


def test_register_refuses_a_tampered_booking_part_or_value_and_saves_nothing(login, staff):
    session = started_session()
    mine = BookingFactory(session=session)
    elsewhere = BookingFactory(session=started_session())
    waiting = BookingFactory(session=session, status=BookingStatus.WAITING)
    other_part = elsewhere.session.parts.get()
    client = login(staff)
    url = reverse("courses:register", args=[session.pk])
    for data in (
        {"marked": [cell(mine), cell(elsewhere)], "attended": [cell(elsewhere)]},
        {"marked": [cell(mine), f"{waiting.pk}-{session.parts.get().pk}"]},
        {"marked": [cell(mine), cell(mine, other_part)]},
        {"marked": [cell(mine), "x-1"]},
        {"marked": [cell(mine)], "attended": [cell(mine), "99999-1"]},
    ):
        response = client.post(url, data, follow=True)
        assert "could not be saved" in response.content.decode()
    assert set(Booking.objects.values_list("attendance", flat=True)) == {""}
    assert not PartAttendance.objects.exists()


def test_sign_in_sheet_lists_people_with_places_and_each_part(login, staff):
    session = started_session()
    first = session.parts.get()
    SessionPart.objects.create(
        session=session,
        sort_order=1,
        starts_at=first.ends_at + datetime.timedelta(days=1),
        ends_at=first.ends_at + datetime.timedelta(days=1, hours=3),
        venue="Library meeting room",
    )
    booked = BookingFactory(session=session, user=UserFactory(first_name="Ruth"))
    BookingFactory(
        session=session, status=BookingStatus.WAITING, user=UserFactory(first_name="Zed")
    )
    html = login(staff).get(reverse("courses:sign_in_sheet", args=[session.pk])).content.decode()
    assert str(booked.user) in html
    assert "Zed" not in html
    assert "Signature, part 2" in html
    assert "Library meeting room" in html


def _two_part_session():
    session = started_session(capacity=300)
    first = session.parts.get()
    SessionPart.objects.create(
        session=session,
        sort_order=1,
        starts_at=first.ends_at + datetime.timedelta(minutes=30),
        ends_at=first.ends_at + datetime.timedelta(hours=3),
    )
    return session


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return len(context.captured_queries), response.content.decode()


def test_register_query_count_does_not_grow_with_bookings(login, staff):
    session = _two_part_session()
    parts = list(session.parts.order_by("starts_at"))  # the first part is the one under way
    client = login(staff)
    url = reverse("courses:register", args=[session.pk])

    def add(count):
        bookings = Booking.objects.bulk_create(
            [
                Booking(session=session, user=u, status=BookingStatus.BOOKED)
                for u in UserFactory.create_batch(count)
            ]
        )
        # Half of them checked in on their phone for the first part.
        PartAttendance.objects.bulk_create(
            [
                PartAttendance(booking=b, part=parts[0], attended=True, method="self")
                for b in bookings[::2]
            ]
        )

    add(5)
    client.get(url)  # warm per-process caches (content types, site root paths)
    few, html = _queries(client, url)
    assert html.count('type="checkbox"') == 5  # the second part has not started yet
    add(195)
    many, html = _queries(client, url)
    assert html.count('type="checkbox"') == 200
    assert html.count("Checked in on their phone") == 3 + 98
    assert many == few
