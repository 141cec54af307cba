"""The session register and sign-in sheet: who may mark attendance, and what it records."""

import pytest
from django.urls import reverse

from courses import services
from courses.models import Attendance, Booking, BookingStatus
from tests.factories import UserFactory

from .factories import BookingFactory, started_session

pytestmark = pytest.mark.django_db


def test_named_trainer_marks_the_register(login):
    trainer = UserFactory()
    session = started_session(trainer=trainer)
    present, absent = BookingFactory(session=session), BookingFactory(session=session)
    response = login(trainer).post(
        reverse("courses:register", args=[session.pk]),
        {f"attendance-{present.pk}": "attended", f"attendance-{absent.pk}": "no_show"},
    )
    assert response.status_code == 302
    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.attendance, absent.attendance) == (Attendance.ATTENDED, Attendance.NO_SHOW)
    assert present.attendance_marked_by == trainer


def test_partnership_staff_mark_any_register(login, staff):
    booking = BookingFactory(session=started_session())
    login(staff).post(
        reverse("courses:register", args=[booking.session_id]),
        {f"attendance-{booking.pk}": "partly"},
    )
    booking.refresh_from_db()
    assert booking.attendance == Attendance.PARTLY


@pytest.mark.parametrize("who", ["practitioner", "supervisor", "booked"])
def test_people_without_trainer_rights_cannot_mark_attendance(login, who, practitioner, supervisor):
    booking = BookingFactory(session=started_session())
    user = {"practitioner": practitioner, "supervisor": supervisor, "booked": booking.user}[who]
    client = login(user)
    url = reverse("courses:register", args=[booking.session_id])
    assert client.get(url).status_code == 403
    assert client.post(url, {f"attendance-{booking.pk}": "attended"}).status_code == 403
    assert (
        client.get(reverse("courses:sign_in_sheet", args=[booking.session_id])).status_code == 403
    )
    booking.refresh_from_db()
    assert booking.attendance == ""


def test_service_refuses_attendance_without_trainer_rights(practitioner):
    booking = BookingFactory(session=started_session())
    with pytest.raises(services.CourseRefusal):
        services.attendance_record(
            session=booking.session, marked_by=practitioner, marks={booking.pk: "attended"}
        )


def test_register_refuses_a_tampered_booking_or_value_and_saves_nothing(login, staff):
    session = started_session()
    mine = BookingFactory(session=session)
    elsewhere = BookingFactory(session=started_session())
    waiting = BookingFactory(session=session, status=BookingStatus.WAITING)
    client = login(staff)
    url = reverse("courses:register", args=[session.pk])
    for data in (
        {f"attendance-{mine.pk}": "attended", f"attendance-{elsewhere.pk}": "attended"},
        {f"attendance-{mine.pk}": "attended", f"attendance-{waiting.pk}": "attended"},
        {f"attendance-{mine.pk}": "present"},
        {f"attendance-{mine.pk}": "attended", "attendance-x": "attended"},
    ):
        response = client.post(url, data, follow=True)
        assert "could not be saved" in response.content.decode()
    assert set(Booking.objects.values_list("attendance", flat=True)) == {""}


def test_sign_in_sheet_lists_people_with_places(login, staff):
    session = started_session()
    booked = BookingFactory(session=session, user=UserFactory(first_name="Ruth"))
    BookingFactory(
        session=session, status=BookingStatus.WAITING, user=UserFactory(first_name="Zed")
    )
    html = login(staff).get(reverse("courses:sign_in_sheet", args=[session.pk])).content.decode()
    assert str(booked.user) in html
    assert "Zed" not in html


@pytest.mark.parametrize("rows", [5, 200])
def test_register_query_count_does_not_grow_with_bookings(
    rows, login, staff, django_assert_num_queries
):
    session = started_session(capacity=300)
    users = UserFactory.create_batch(rows)
    Booking.objects.bulk_create(
        [Booking(session=session, user=u, status=BookingStatus.BOOKED) for u in users]
    )
    client = login(staff)
    url = reverse("courses:register", args=[session.pk])
    client.get(url)  # warm per-process caches (content types, site root paths)
    with django_assert_num_queries(REGISTER_QUERIES):
        response = client.get(url)
    assert response.content.decode().count('type="radio"') == rows * 3


# Session, bookings (with people and agencies), and the fixed cost of any signed-in page.
REGISTER_QUERIES = 17
