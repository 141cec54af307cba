"""Interest lists: registering and withdrawing, offers in order of registration up to the free
places, held places, bookings from offers, declines and expiry passing places on, and the
refusals (twice, someone else's, a past or cancelled session, beyond capacity)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courses import notifications, services
from courses.models import (
    OFFER_HOLDS_FOR,
    BookingStatus,
    CourseInterest,
    DeliveryMode,
    InterestOutcome,
)
from courses.services import interest_lists
from tests.factories import UserFactory

from .factories import BookingFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db


def _course(**fields):
    fields.setdefault("delivery_mode", DeliveryMode.FACE_TO_FACE)
    return make_course(steps=0, **fields)


def _waiting_list(course, count, *, start=None):
    """``count`` people registered a day apart, the first the earliest."""
    start = start or timezone.now() - datetime.timedelta(days=30)
    return [
        interest_lists.interest_register(
            user=UserFactory(), course=course, now=start + datetime.timedelta(days=i)
        )
        for i in range(count)
    ]


def _offers(mailoutbox):
    return [m for m in mailoutbox if "place is being held" in m.subject]


# --- Registering and withdrawing -------------------------------------------------------------


def test_registering_records_the_agency_at_the_time(practitioner):
    course = _course()
    interest = interest_lists.interest_register(user=practitioner, course=course)
    assert interest.is_live and interest.agency_id == practitioner.agency_id
    assert interest.offered_session is None and interest.outcome == ""


def test_registering_twice_is_refused_and_nothing_changes(practitioner):
    course = _course()
    interest_lists.interest_register(user=practitioner, course=course)
    with pytest.raises(services.CourseRefusal, match="already on the interest list"):
        interest_lists.interest_register(user=practitioner, course=course)
    assert CourseInterest.objects.filter(user=practitioner).count() == 1


def test_e_learning_and_archived_courses_have_no_interest_list(practitioner):
    with pytest.raises(services.CourseRefusal, match="e-learning only"):
        interest_lists.interest_register(user=practitioner, course=make_course(steps=0))
    with pytest.raises(services.CourseRefusal, match="archived"):
        interest_lists.interest_register(user=practitioner, course=_course(archived=True))
    assert not CourseInterest.objects.exists()


def test_a_course_with_a_free_date_sends_people_to_book_instead(practitioner):
    session = SessionFactory(course=_course(), capacity=1)
    with pytest.raises(services.CourseRefusal, match="Book a place"):
        interest_lists.interest_register(user=practitioner, course=session.course)
    # Once the only date is full, registering interest is the way to hear of another.
    BookingFactory(session=session)
    assert interest_lists.interest_register(user=practitioner, course=session.course)


def test_a_cancelled_or_closed_date_does_not_count_as_bookable(practitioner, staff):
    course = _course()
    services.session_cancel(by=staff, session=SessionFactory(course=course))
    closed = timezone.now() - datetime.timedelta(hours=1)
    SessionFactory(
        course=course,
        booking_deadline=closed,
        cancellation_cutoff=closed,
        starts_at=timezone.now() + datetime.timedelta(hours=2),
    )
    assert interest_lists.interest_register(user=practitioner, course=course)


def test_withdrawing_ends_the_registration_and_allows_a_new_one(practitioner):
    course = _course()
    interest = interest_lists.interest_register(user=practitioner, course=course)
    interest_lists.interest_withdraw(interest=interest, user=practitioner)
    interest.refresh_from_db()
    assert interest.outcome == InterestOutcome.WITHDRAWN and interest.closed_at
    with pytest.raises(services.CourseRefusal, match="no longer on the interest list"):
        interest_lists.interest_withdraw(interest=interest, user=practitioner)
    again = interest_lists.interest_register(user=practitioner, course=course)
    assert again.pk != interest.pk and again.registered_at > interest.registered_at


def test_nobody_withdraws_someone_elses_interest(practitioner, other_practitioner, login):
    interest = interest_lists.interest_register(user=practitioner, course=_course())
    with pytest.raises(services.CourseRefusal, match="your own"):
        interest_lists.interest_withdraw(interest=interest, user=other_practitioner)
    client = login(other_practitioner)
    url = reverse("courses:interest_withdraw", args=[interest.pk])
    assert client.post(url).status_code == 404
    decline = reverse("courses:interest_decline", args=[interest.pk])
    assert client.post(decline).status_code == 404
    interest.refresh_from_db()
    assert interest.is_live


def test_tampered_interest_ids_find_nothing(practitioner, login):
    client = login(practitioner)
    for bad in (0, 999999, 2**63):
        url = f"/learning/interest/{bad}/withdraw/"
        assert client.post(url).status_code == 404


def test_course_page_offers_registration_and_then_withdrawal(practitioner, login):
    course = _course()
    client = login(practitioner)
    page = client.get(course.url).content.decode()
    assert "Register my interest" in page and "3 days" in page
    response = client.post(reverse("courses:interest_register", args=[course.pk]))
    assert response.status_code == 302
    page = client.get(course.url).content.decode()
    assert "You have been on the interest list since" in page
    assert "Register my interest" not in page
    interest = CourseInterest.objects.get(user=practitioner)
    client.post(reverse("courses:interest_withdraw", args=[interest.pk]))
    interest.refresh_from_db()
    assert interest.outcome == InterestOutcome.WITHDRAWN
    assert "Register my interest" in client.get(course.url).content.decode()


def test_anonymous_visitors_are_asked_to_sign_in(client):
    course = _course()
    assert "Sign in to register your interest" in client.get(course.url).content.decode()


def test_registering_twice_through_the_page_says_so(practitioner, login):
    course = _course()
    client = login(practitioner)
    url = reverse("courses:interest_register", args=[course.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "already on the interest list" in response.content.decode()
    assert CourseInterest.objects.count() == 1


# --- Offers ----------------------------------------------------------------------------------


def test_offers_go_in_order_of_registration_up_to_the_free_places(staff, mailoutbox):
    course = _course()
    people = _waiting_list(course, 5)
    session = SessionFactory(course=course, capacity=4)
    BookingFactory(session=session)
    now = timezone.now()
    assert interest_lists.interest_offers_make(by=staff, session=session, now=now) == 3
    offered = [i.user for i in CourseInterest.objects.filter(offered_session=session)]
    assert offered == [p.user for p in people[:3]]
    assert sorted(m.to[0] for m in _offers(mailoutbox)) == sorted(u.email for u in offered)
    first = CourseInterest.objects.get(pk=people[0].pk)
    assert first.offer_expires_at == now + OFFER_HOLDS_FOR
    assert reverse("courses:session_detail", args=[session.pk]) in _offers(mailoutbox)[0].body
    assert not CourseInterest.objects.filter(pk__in=[people[3].pk, people[4].pk]).exclude(
        offered_session=None
    )


def test_no_offers_beyond_capacity(staff, mailoutbox):
    course = _course()
    _waiting_list(course, 3)
    session = SessionFactory(course=course, capacity=2)
    interest_lists.interest_offers_make(by=staff, session=session)
    with pytest.raises(services.CourseRefusal, match="Every place"):
        interest_lists.interest_offers_make(by=staff, session=session)
    assert CourseInterest.objects.filter(offered_session=session).count() == 2
    assert len(_offers(mailoutbox)) == 2


def test_offers_are_refused_for_a_cancelled_or_past_session(staff):
    course = _course()
    _waiting_list(course, 2)
    cancelled = services.session_cancel(by=staff, session=SessionFactory(course=course))
    with pytest.raises(services.CourseRefusal, match="cancelled"):
        interest_lists.interest_offers_make(by=staff, session=cancelled)
    past = SessionFactory(course=course, starts_at=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(services.CourseRefusal, match="closed"):
        interest_lists.interest_offers_make(by=staff, session=past)
    assert not CourseInterest.objects.exclude(offered_session=None).exists()


def test_only_staff_offer_places_and_an_empty_list_is_said(practitioner, staff):
    session = SessionFactory(course=_course())
    with pytest.raises(services.CourseRefusal, match="Nobody on the interest list"):
        interest_lists.interest_offers_make(by=staff, session=session)
    CourseInterest.objects.create(user=UserFactory(), course=session.course)
    with pytest.raises(services.CourseRefusal, match="Only partnership staff"):
        interest_lists.interest_offers_make(by=practitioner, session=session)
    assert not CourseInterest.objects.exclude(offered_session=None).exists()


def test_an_offer_never_outlasts_the_booking_deadline(staff):
    course = _course()
    (interest,) = _waiting_list(course, 1)
    soon = timezone.now() + datetime.timedelta(days=1)
    session = SessionFactory(
        course=course,
        starts_at=soon + datetime.timedelta(days=1),
        booking_deadline=soon,
        cancellation_cutoff=soon,
    )
    interest_lists.interest_offers_make(by=staff, session=session)
    interest.refresh_from_db()
    assert interest.offer_expires_at == soon


def test_held_places_are_kept_from_others_and_booking_takes_the_person_off(staff):
    course = _course()
    (interest,) = _waiting_list(course, 1)
    session = SessionFactory(course=course, capacity=1)
    interest_lists.interest_offers_make(by=staff, session=session)
    stranger = services.booking_create(session=session, user=UserFactory())
    assert stranger.status == BookingStatus.WAITING
    booking = services.booking_create(session=session, user=interest.user)
    assert booking.status == BookingStatus.BOOKED
    interest.refresh_from_db()
    assert interest.outcome == InterestOutcome.BOOKED and not interest.is_live


def test_booking_any_date_of_the_course_takes_the_person_off_the_list():
    course = _course()
    (interest,) = _waiting_list(course, 1)
    session = SessionFactory(course=course)
    services.booking_create(session=session, user=interest.user)
    interest.refresh_from_db()
    assert interest.outcome == InterestOutcome.BOOKED


def test_a_waiting_list_place_keeps_the_person_on_the_interest_list():
    course = _course()
    session = SessionFactory(course=course, capacity=1)
    BookingFactory(session=session)
    (interest,) = _waiting_list(course, 1)
    services.booking_create(session=session, user=interest.user)
    interest.refresh_from_db()
    assert interest.is_live


def test_declining_passes_the_place_to_the_next_person(staff, mailoutbox):
    course = _course()
    first, second, third = _waiting_list(course, 3)
    session = SessionFactory(course=course, capacity=1)
    interest_lists.interest_offers_make(by=staff, session=session)
    mailoutbox.clear()
    interest_lists.interest_offer_decline(interest=first, user=first.user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.outcome == InterestOutcome.DECLINED
    assert second.offered_session == session
    assert [m.to for m in _offers(mailoutbox)] == [[second.user.email]]
    with pytest.raises(services.CourseRefusal, match="no place being held"):
        interest_lists.interest_offer_decline(interest=third, user=third.user)


def test_withdrawing_while_holding_an_offer_passes_it_on(staff):
    course = _course()
    first, second = _waiting_list(course, 2)
    session = SessionFactory(course=course, capacity=1)
    interest_lists.interest_offers_make(by=staff, session=session)
    interest_lists.interest_withdraw(interest=first, user=first.user)
    second.refresh_from_db()
    assert second.offered_session == session


def test_an_expired_offer_passes_on_once_however_often_the_task_runs(staff, mailoutbox):
    course = _course()
    first, second, third = _waiting_list(course, 3)
    session = SessionFactory(course=course, capacity=1)
    now = timezone.now()
    interest_lists.interest_offers_make(by=staff, session=session, now=now)
    later = now + OFFER_HOLDS_FOR + datetime.timedelta(minutes=1)
    assert interest_lists.interest_offers_expire(now=later - datetime.timedelta(hours=1)) == 0
    assert interest_lists.interest_offers_expire(now=later) == 1
    assert interest_lists.interest_offers_expire(now=later) == 0
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.outcome == InterestOutcome.EXPIRED
    assert second.offered_session == session and third.offered_session is None
    assert [m.to[0] for m in _offers(mailoutbox)] == [first.user.email, second.user.email]


def test_the_daily_task_ends_expired_offers(staff, mailoutbox):
    from courses.tasks import send_course_reminders

    course = _course()
    first, second = _waiting_list(course, 2)
    session = SessionFactory(course=course, capacity=1)
    interest_lists.interest_offers_make(by=staff, session=session)
    with time_machine.travel(timezone.now() + OFFER_HOLDS_FOR + datetime.timedelta(hours=1)):
        result = send_course_reminders.enqueue()
        send_course_reminders.enqueue()
    assert result.return_value["interest_offers_expired"] == 1
    assert [m.to[0] for m in _offers(mailoutbox)] == [first.user.email, second.user.email]


def test_the_same_offer_is_e_mailed_once_even_if_queued_twice(staff, mailoutbox):
    course = _course()
    (interest,) = _waiting_list(course, 1)
    session = SessionFactory(course=course)
    interest_lists.interest_offers_make(by=staff, session=session)
    interest.refresh_from_db()
    notifications.interest_offered(
        user=interest.user, session=session, expires_at=interest.offer_expires_at
    )
    assert len(_offers(mailoutbox)) == 1


def test_a_session_waiting_list_comes_before_the_interest_list(staff, mailoutbox):
    course = _course()
    first, second = _waiting_list(course, 2)
    session = SessionFactory(course=course, capacity=1)
    interest_lists.interest_offers_make(by=staff, session=session)
    waiting = services.booking_create(session=session, user=UserFactory())
    assert waiting.status == BookingStatus.WAITING
    interest_lists.interest_offer_decline(interest=first, user=first.user)
    waiting.refresh_from_db()
    second.refresh_from_db()
    assert waiting.status == BookingStatus.BOOKED
    assert second.offered_session is None


def test_cancelling_the_session_puts_people_back_on_the_list(staff):
    course = _course()
    (interest,) = _waiting_list(course, 1)
    session = SessionFactory(course=course)
    interest_lists.interest_offers_make(by=staff, session=session)
    services.session_cancel(by=staff, session=session)
    interest.refresh_from_db()
    assert interest.is_live and interest.offered_session is None
