"""Interest lists on the pages people use: the course page's buttons, the session page's
staff section, the demand page, and the demo's interest list."""

import pytest
from django.urls import reverse

from courses import services
from courses.models import (
    Booking,
    BookingStatus,
    CourseInterest,
)
from courses.services import interest_lists
from tests.factories import UserFactory

from .factories import SessionFactory
from .test_interest import _course, _offers, _waiting_list

pytestmark = pytest.mark.django_db


# --- Pages -----------------------------------------------------------------------------------


def test_the_person_offered_a_place_sees_it_and_can_decline(staff, login, mailoutbox):
    course = _course()
    first, second = _waiting_list(course, 2)
    session = SessionFactory(course=course, capacity=1)
    interest_lists.interest_offers_make(by=staff, session=session)
    client = login(first.user)
    assert "A place is being held for you" in client.get(course.url).content.decode()
    page = client.get(reverse("courses:session_detail", args=[session.pk])).content.decode()
    assert "a place on this session is held for you" in page and "Book a place" in page
    # To everyone else the session is full while the place is held.
    other = login(UserFactory()).get(reverse("courses:session_detail", args=[session.pk]))
    assert "Join the waiting list" in other.content.decode()
    client.post(reverse("courses:interest_decline", args=[first.pk]))
    second.refresh_from_db()
    assert second.offered_session == session


def test_staff_offer_places_from_the_session_page(staff, login, mailoutbox):
    course = _course()
    _waiting_list(course, 2)
    session = SessionFactory(course=course)
    client = login(staff)
    page = client.get(reverse("courses:session_detail", args=[session.pk])).content.decode()
    assert "2 people are waiting for a date on this course." in page
    assert "Offer places to the interest list" in page
    response = client.post(
        reverse("courses:session_offer_interest", args=[session.pk]), follow=True
    )
    assert "2 places offered to the interest list by e-mail." in response.content.decode()
    assert len(_offers(mailoutbox)) == 2


def test_learners_cannot_offer_places(practitioner, login):
    course = _course()
    _waiting_list(course, 1)
    session = SessionFactory(course=course)
    url = reverse("courses:session_offer_interest", args=[session.pk])
    assert login(practitioner).post(url).status_code == 403
    assert not CourseInterest.objects.exclude(offered_session=None).exists()
    page = login(practitioner).get(reverse("courses:session_detail", args=[session.pk]))
    assert "Offer places to the interest list" not in page.content.decode()


def test_demand_page_counts_by_course_and_agency(staff, login):
    from tests.factories import AgencyFactory

    health, school = AgencyFactory(name="Health trust"), AgencyFactory(name="Primary school")
    course = _course(title="Working with fathers")
    for agency, count in ((health, 3), (school, 2)):
        for _ in range(count):
            interest_lists.interest_register(user=UserFactory(agency=agency), course=course)
    withdrawn = interest_lists.interest_register(user=UserFactory(agency=school), course=course)
    interest_lists.interest_withdraw(interest=withdrawn, user=withdrawn.user)
    response = login(staff).get(reverse("courses:interest_demand"))
    page = response.content.decode()
    assert "Working with fathers" in page
    rows = response.context["courses"]
    assert rows[0]["total"] == 5 and rows[0]["waiting"] == 5
    assert rows[0]["agencies"] == [("Health trust", 3), ("Primary school", 2)]
    assert response.context["by_agency"] == [("Health trust", 3), ("Primary school", 2)]


def test_demand_page_is_for_staff_only(practitioner, supervisor, login, client):
    url = reverse("courses:interest_demand")
    assert login(practitioner).get(url).status_code == 403
    assert login(supervisor).get(url).status_code == 403
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("rows", [5, 200])
def test_demand_page_queries(rows, staff, login, django_assert_num_queries):
    from tests.factories import AgencyFactory

    courses = [_course() for _ in range(3)]
    agencies = AgencyFactory.create_batch(4)
    people = UserFactory.create_batch(rows)
    CourseInterest.objects.bulk_create(
        [
            CourseInterest(user=p, course=courses[i % 3], agency=agencies[i % 4])
            for i, p in enumerate(people)
        ]
    )
    for course in courses:
        SessionFactory(course=course)
    client = login(staff)
    client.get(reverse("courses:interest_demand"))
    with django_assert_num_queries(13):
        response = client.get(reverse("courses:interest_demand"))
    assert sum(e["total"] for e in response.context["courses"]) == rows


def test_staff_reach_the_demand_page_from_the_publishing_admin(staff, login):
    page = login(staff).get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("courses:interest_demand") in page


def test_people_already_on_the_sessions_own_waiting_list_are_not_offered_it(staff):
    course = _course()
    (interest,) = _waiting_list(course, 1)
    session = SessionFactory(course=course)
    Booking.objects.create(session=session, user=interest.user, status=BookingStatus.WAITING)
    with pytest.raises(services.CourseRefusal, match="Nobody on the interest list"):
        interest_lists.interest_offers_make(by=staff, session=session)
    interest.refresh_from_db()
    assert interest.offered_session is None


def test_demo_has_an_interest_list_across_agencies_and_an_online_session_with_its_link():
    import io

    from django.core.management import call_command
    from django.test import override_settings

    from courses.ics import joining_link
    from courses.models import CoursePage, TrainingSession
    from seeding.courses.demo import FATHERS_TITLE, INTEREST_LIST

    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
    course = CoursePage.objects.get(title=FATHERS_TITLE)
    live = CourseInterest.objects.live().filter(course=course)
    assert live.count() == len(INTEREST_LIST)
    assert live.values("agency").distinct().count() >= 3
    assert not course.sessions.exists()
    online = TrainingSession.objects.filter(venue__isnull=True).exclude(joining_details="")
    assert online.exists()
    assert all(joining_link(s.joining_details) for s in online)
