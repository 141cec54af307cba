"""courses.selectors.course_pages: what a course's page shows the person reading it."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from courses.models import BookingStatus, CourseInterest, StepView
from courses.selectors.course_pages import (
    course_interest_context,
    course_page_context,
    course_sessions,
)

from .factories import BookingFactory, EnrolmentFactory, SessionFactory, blended_course, make_course

pytestmark = pytest.mark.django_db


def test_course_sessions_are_upcoming_ones_with_the_persons_own_booking(practitioner):
    course = blended_course(steps=0)
    now = timezone.now()
    booked = SessionFactory(course=course, starts_at=now + datetime.timedelta(days=5))
    free = SessionFactory(course=course, starts_at=now + datetime.timedelta(days=9))
    SessionFactory(course=course, starts_at=now - datetime.timedelta(days=2))
    SessionFactory(starts_at=now + datetime.timedelta(days=5))  # another course's
    mine = BookingFactory(session=booked, user=practitioner, status=BookingStatus.BOOKED)
    BookingFactory(session=free, user=practitioner, status=BookingStatus.CANCELLED)

    sessions = course_sessions(course, practitioner, now=now)

    assert sessions == [booked, free]
    assert [s.my_booking for s in sessions] == [mine, None]
    assert course_sessions(course, AnonymousUser(), now=now) == [booked, free]


def test_no_interest_list_on_an_elearning_course(practitioner):
    course = make_course(steps=0)
    assert course_interest_context(course, practitioner, now=timezone.now()) == {}


def test_the_interest_list_is_offered_when_no_session_has_a_free_place(practitioner):
    course = blended_course(steps=0)
    now = timezone.now()

    offered = course_interest_context(course, practitioner, now=now)
    assert offered["interest"] is None
    assert offered["can_register_interest"]

    SessionFactory(course=course, capacity=5)
    assert not course_interest_context(course, practitioner, now=now)["can_register_interest"]


def test_a_person_on_the_interest_list_sees_their_place(practitioner):
    course = blended_course(steps=0)
    interest = CourseInterest.objects.create(user=practitioner, course=course)

    context = course_interest_context(course, practitioner, now=timezone.now())

    assert context["interest"] == interest
    assert not context["interest_offer_held"]
    assert not context["can_register_interest"]


def test_the_course_page_shows_the_learners_enrolment_and_progress(practitioner):
    course = make_course(steps=2, require_evaluation=False)
    enrolment = EnrolmentFactory(user=practitioner, course=course)
    first = course.steps.order_by("sort_order").first()
    StepView.objects.create(enrolment=enrolment, step=first)

    context = course_page_context(course=course, user=practitioner, now=timezone.now())

    assert context["enrolment"] == enrolment
    assert context["progress"].done == 1
    assert context["certificate"] is None
    assert len(context["steps"]) == 2
    assert context["sessions"] == []


def test_the_course_page_for_someone_signed_out_has_no_enrolment():
    course = make_course(steps=1)
    context = course_page_context(course=course, user=AnonymousUser(), now=timezone.now())
    assert context["enrolment"] is None
    assert context["progress"] is None
