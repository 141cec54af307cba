"""Only a confirmed line manager approves bookings, and "My team" shows their team's training."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import permissions, services
from courses.models import Attendance, Booking, BookingStatus, Certificate
from elearning.accounts.services import manager_link_decide, manager_link_end, manager_name
from tests.factories import UserFactory

from .factories import BookingFactory, EnrolmentFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db


def _held_booking(learner):
    course = make_course(requires_manager_approval=True, delivery_mode="face_to_face")
    return services.booking_create(session=SessionFactory(course=course), user=learner)


def _approve(client, booking):
    return client.post(
        reverse("courses:approvals"), {"booking": booking.pk, "decision": "approve"}, follow=True
    )


# --- Approvals ------------------------------------------------------------------------------


def test_a_named_but_unconfirmed_manager_cannot_approve(login):
    learner = UserFactory(first_name="Kit", last_name="Jones")
    manager = UserFactory()
    manager_name(learner=learner, manager=manager)
    booking = _held_booking(learner)
    assert not permissions.can_decide_booking(manager, booking)
    assert list(permissions.bookings_decidable_by(manager, Booking.objects.all())) == []
    with pytest.raises(services.CourseRefusal, match="once you have confirmed"):
        services.booking_decide(booking=booking, approver=manager, approve=True)

    page = login(manager).get(reverse("courses:approvals")).content.decode()
    assert "Kit Jones" not in page
    response = _approve(login(manager), booking)
    assert "once you have confirmed that you are their line manager" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.AWAITING_APPROVAL and booking.decided_by is None


def test_a_former_manager_cannot_approve(login):
    learner = UserFactory()
    manager = UserFactory()
    link = manager_name(learner=learner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=True)
    booking = _held_booking(learner)
    assert permissions.can_decide_booking(manager, booking)
    manager_link_end(link=link, by=learner)

    assert not permissions.can_decide_booking(manager, booking)
    with pytest.raises(services.CourseRefusal, match="no longer"):
        services.booking_decide(booking=booking, approver=manager, approve=False)
    response = _approve(login(manager), booking)
    assert "You are no longer" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.AWAITING_APPROVAL and booking.decided_by is None


def test_a_manager_replaced_by_someone_else_cannot_approve(login):
    learner = UserFactory()
    manager = UserFactory()
    link = manager_name(learner=learner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=True)
    booking = _held_booking(learner)
    manager_name(learner=learner, manager=UserFactory())
    response = _approve(login(manager), booking)
    assert "You are no longer" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.AWAITING_APPROVAL


def test_a_declined_manager_cannot_approve(login):
    learner = UserFactory()
    manager = UserFactory()
    link = manager_name(learner=learner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=False)
    booking = _held_booking(learner)
    _approve(login(manager), booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.AWAITING_APPROVAL


def test_a_stranger_learns_nothing_about_the_booking(login):
    booking = _held_booking(UserFactory(first_name="Kit"))
    response = _approve(login(UserFactory()), booking)
    html = response.content.decode()
    assert "That booking is no longer waiting for your approval" in html
    assert "Kit" not in html
    booking.refresh_from_db()
    assert booking.status == BookingStatus.AWAITING_APPROVAL


def test_a_confirmed_manager_approves_and_staff_still_can(login, staff):
    learner = UserFactory(first_name="Kit", last_name="Jones")
    manager = UserFactory()
    link = manager_name(learner=learner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=True)
    booking = _held_booking(learner)
    assert "Kit Jones" in login(manager).get(reverse("courses:approvals")).content.decode()
    assert "Booking approved" in _approve(login(manager), booking).content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED and booking.decided_by == manager
    other = _held_booking(UserFactory())
    services.booking_decide(booking=other, approver=staff, approve=True)


def test_approval_e_mails_go_only_to_a_confirmed_manager(mailoutbox):
    learner = UserFactory()
    named = UserFactory()
    manager_name(learner=learner, manager=named)
    mailoutbox.clear()
    _held_booking(learner)
    assert all(named.email not in m.to for m in mailoutbox)


# --- My team --------------------------------------------------------------------------------


def _team(manager, size: int, *, surname: str = "Team"):
    people = []
    for i in range(size):
        person = UserFactory(first_name=f"Member{i}", last_name=surname)
        link = manager_name(learner=person, manager=manager)
        manager_link_decide(link=link, manager=manager, confirm=True)
        people.append(person)
    return people


def _training(person, *, today):
    course = make_course(title=f"Course for {person.first_name}", refresher_months=12)
    now = timezone.now()
    upcoming = SessionFactory(course=course, starts_at=now + datetime.timedelta(days=20))
    past = SessionFactory(
        course=course,
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30) + datetime.timedelta(hours=3),
        booking_deadline=now - datetime.timedelta(days=31),
        cancellation_cutoff=now - datetime.timedelta(days=32),
    )
    missed = SessionFactory(
        course=course,
        starts_at=now - datetime.timedelta(days=60),
        ends_at=now - datetime.timedelta(days=60) + datetime.timedelta(hours=3),
        booking_deadline=now - datetime.timedelta(days=61),
        cancellation_cutoff=now - datetime.timedelta(days=62),
    )
    BookingFactory(session=upcoming, user=person)
    BookingFactory(session=past, user=person, attendance=Attendance.ATTENDED)
    BookingFactory(session=missed, user=person, attendance=Attendance.NO_SHOW)
    Certificate.objects.create(
        enrolment=EnrolmentFactory(user=person, course=course),
        learner_name=person.get_full_name(),
        course_title=course.title,
        cpd_hours=1,
        completed_on=today - datetime.timedelta(days=300),
        expires_on=today + datetime.timedelta(days=65),
    )


def test_team_page_shows_each_confirmed_member_and_nobody_else(login):
    manager = UserFactory()
    today = timezone.localdate()
    [member] = _team(manager, 1)
    _training(member, today=today)
    pending = UserFactory(first_name="Pending", last_name="Person")
    manager_name(learner=pending, manager=manager)
    stranger = UserFactory(first_name="Stranger", last_name="Person")
    _training(stranger, today=today)
    other_manager = UserFactory()
    [elsewhere] = _team(other_manager, 1, surname="Elsewhere")

    html = login(manager).get(reverse("courses:team")).content.decode()
    assert member.get_full_name() in html
    assert f"Course for {member.first_name}" in html
    assert "Did not attend" in html and "Attended" in html
    assert (today + datetime.timedelta(days=65)).strftime("%-d %B %Y") in html
    assert "1 person is waiting for you to confirm" in html
    for absent in (pending, stranger, elsewhere):
        assert absent.get_full_name() not in html
    assert 'data-label="Certificates due to expire"' in html

    # Someone with no team sees only that they have none.
    html = login(stranger).get(reverse("courses:team")).content.decode()
    assert "Nobody has a confirmed line-manager relationship with you yet" in html
    assert member.get_full_name() not in html


def test_certificates_outside_the_90_days_are_not_listed_as_expiring(login):
    manager = UserFactory()
    [member] = _team(manager, 1)
    course = make_course(title="Later course")
    today = timezone.localdate()
    Certificate.objects.create(
        enrolment=EnrolmentFactory(user=member, course=course),
        learner_name="M",
        course_title=course.title,
        cpd_hours=1,
        completed_on=today - datetime.timedelta(days=10),
        expires_on=today + datetime.timedelta(days=91),
    )
    html = login(manager).get(reverse("courses:team")).content.decode()
    assert "No certificates are due to expire in the next 90 days" in html


def test_a_deactivated_member_leaves_the_team_page(login):
    manager = UserFactory()
    [member] = _team(manager, 1)
    type(member).objects.filter(pk=member.pk).update(is_active=False)
    html = login(manager).get(reverse("courses:team")).content.decode()
    assert member.get_full_name() not in html


@pytest.mark.parametrize("size", [2, 8])
def test_team_page_queries_do_not_grow_with_the_team(size, login, django_assert_max_num_queries):
    manager = UserFactory()
    today = timezone.localdate()
    for person in _team(manager, size):
        _training(person, today=today)
    client = login(manager)
    url = reverse("courses:team")
    client.get(url)  # warm per-process caches
    with django_assert_max_num_queries(TEAM_QUERIES):
        response = client.get(url)
    assert response.content.decode().count("Remove from team") == size


# The team, their relationships, bookings, certificates, waiting requests, and the fixed cost
# of any signed-in page.
TEAM_QUERIES = 17
