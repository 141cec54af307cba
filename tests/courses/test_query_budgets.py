"""Pages make the same number of queries with 5 and with 200 related rows."""

import pytest
from django.urls import reverse

from courses.models import Booking, BookingStatus, TrainingSession
from tests.factories import UserFactory

from .factories import SessionFactory, VenueFactory, blended_course

pytestmark = pytest.mark.django_db


def _sessions_with_bookings(course, rows: int, learner):
    template = SessionFactory.build(course=course)
    hall = VenueFactory(name="Hall")
    sessions = TrainingSession.objects.bulk_create(
        [
            TrainingSession(
                course=course,
                starts_at=template.starts_at,
                ends_at=template.ends_at,
                venue=hall,
                capacity=3,
                booking_deadline=template.booking_deadline,
                cancellation_cutoff=template.cancellation_cutoff,
            )
            for _ in range(rows)
        ]
    )
    people = UserFactory.create_batch(3)
    Booking.objects.bulk_create(
        [
            Booking(session=s, user=u, status=BookingStatus.BOOKED)
            for s in sessions
            for u in people[: 1 + s.pk % 3]
        ]
        + [Booking(session=s, user=learner, status=BookingStatus.WAITING) for s in sessions]
    )
    return sessions


def _count(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm per-process caches
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("rows", [5, 200])
def test_course_page_queries(rows, login, django_assert_num_queries):
    learner = UserFactory()
    course = blended_course(steps=3)
    _sessions_with_bookings(course, rows, learner)
    # Two of these are the interest list: the learner's place on it and whether a date is free.
    response = _count(login(learner), course.url, django_assert_num_queries, 15)
    assert response.content.decode().count("On the waiting list") == rows


@pytest.mark.parametrize("rows", [5, 200])
def test_session_list_queries(rows, client, django_assert_num_queries):
    course = blended_course(steps=1)
    _sessions_with_bookings(course, rows, UserFactory())
    _count(client, reverse("courses:session_list"), django_assert_num_queries, 1)


@pytest.mark.parametrize("rows", [5, 200])
def test_course_list_page_queries(rows, client, django_assert_num_queries):
    from .factories import CoursePageFactory, course_index

    index = course_index()
    for i in range(rows):
        CoursePageFactory(
            parent=index, title=f"Course {i}", slug=f"c-{i}", summary="s", publish=False
        )
    response = _count(client, index.url, django_assert_num_queries, 5)
    assert response.content.decode().count('class="app-card"') == rows


@pytest.mark.parametrize("rows", [5, 200])
def test_session_page_queries(rows, login, django_assert_num_queries):
    learner = UserFactory()
    session = SessionFactory(capacity=500)
    Booking.objects.bulk_create(
        [
            Booking(session=session, user=u, status=BookingStatus.BOOKED)
            for u in UserFactory.create_batch(rows)
        ]
    )
    response = _count(
        login(learner),
        reverse("courses:session_detail", args=[session.pk]),
        django_assert_num_queries,
        9,  # places held for people offered them from the interest list; the session's parts
    )
    assert f"{rows} of 500 taken" in response.content.decode()
