"""Browser journey across the training side: a learner registers interest in a course with no
dates, is offered a place when staff add a session, books it, has it approved by their
confirmed line manager, checks in with the trainer's code, and three months later answers
the follow-up about what they now do differently. Time is moved, never waited for."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import (
    Booking,
    BookingStatus,
    Certificate,
    CourseInterest,
    DeliveryMode,
    ImpactFollowUp,
)
from courses.services import enrolment_create, impact
from tests.conftest import sign_in_by_session
from tests.courses.factories import SessionFactory, make_course
from tests.factories import UserFactory, manager_link_confirmed, role_user

pytestmark = pytest.mark.django_db(transaction=True)


def _as(page, user, live_server) -> None:
    page.context.clear_cookies()
    sign_in_by_session(page.context, user, live_server.url)


def test_interest_offer_booking_approval_check_in_and_follow_up(page, live_server, axe, mailoutbox):
    staff = role_user("staff", first_name="Alex", last_name="Reid")
    manager = UserFactory(first_name="Morgan", last_name="Hughes")
    learner = UserFactory(first_name="Ama", last_name="Owusu")
    manager_link_confirmed(learner=learner, manager=manager)
    course = make_course(
        steps=0,
        title="Seeing the men in a child's life",
        delivery_mode=DeliveryMode.FACE_TO_FACE,
        require_steps_viewed=False,
        require_quizzes_passed=False,
        require_session_attended=True,
        require_evaluation=False,
        requires_manager_approval=True,
    )
    enrolment_create(user=learner, course=course, confidence_before=2)

    # 1. No dates yet: the learner registers interest on the course page.
    _as(page, learner, live_server)
    page.goto(live_server.url + course.url)
    page.get_by_role("button", name="Register my interest").click()
    expect(page.get_by_text("on the interest list since", exact=False)).to_be_visible()
    interest = CourseInterest.objects.get(user=learner, course=course)

    # 2. Staff add a session starting in 20 minutes and offer it to the interest list.
    starts = timezone.now() + datetime.timedelta(minutes=20)
    session = SessionFactory(
        course=course,
        trainer=staff,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        booking_deadline=starts,
        cancellation_cutoff=starts,
        capacity=10,
    )
    _as(page, staff, live_server)
    page.goto(live_server.url + reverse("courses:session_detail", args=[session.pk]))
    page.get_by_role("button", name="Offer places to the interest list").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    offers = [m for m in mailoutbox if m.to == [learner.email] and "held for you" in m.subject]
    assert len(offers) == 1
    interest.refresh_from_db()
    assert interest.offered_session_id == session.pk

    # 3. The learner books the place offered; the course needs their manager's approval.
    _as(page, learner, live_server)
    page.goto(live_server.url + reverse("courses:session_detail", args=[session.pk]))
    page.get_by_role("button", name="Book a place").click()
    booking = Booking.objects.get(session=session, user=learner)
    expect(page.locator("main")).to_contain_text("approv")
    assert booking.status == BookingStatus.AWAITING_APPROVAL
    assert any(m.to == [manager.email] for m in mailoutbox)

    # 4. The confirmed line manager approves it.
    _as(page, manager, live_server)
    page.goto(live_server.url + reverse("courses:approvals"))
    axe(page, context_label="approvals")
    page.get_by_role("button", name=f"Approve {learner}").click()
    expect(page.get_by_text("Booking approved.")).to_be_visible()
    expect(page.get_by_text("Nothing is waiting for your approval.")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED

    # 5. Ten minutes before the start the trainer shows the code; the learner checks in.
    part = session.parts.get()
    _as(page, staff, live_server)
    page.goto(
        live_server.url
        + reverse("courses:check_in_screen", kwargs={"session_id": session.pk, "part_id": part.pk})
    )
    code_box = page.locator("#check-in-code")
    expect(code_box).to_have_text(re.compile(r"^[A-Z0-9]{6}$"))
    code = code_box.inner_text().strip()
    _as(page, learner, live_server)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + reverse("courses:check_in"))
    page.get_by_label("Check-in code").fill(code)
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("You are checked in")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})

    # 6. Once it has started, the trainer confirms the pre-filled register.
    with time_machine.travel(starts + datetime.timedelta(minutes=30), tick=True):
        _as(page, staff, live_server)
        page.goto(live_server.url + reverse("courses:register", args=[session.pk]))
        expect(page.get_by_label(f"Attended part 1: {learner}")).to_be_checked()
        page.get_by_role("button", name="Save register").click()
        expect(page.get_by_text("Register saved")).to_be_visible()
    booking.refresh_from_db()
    assert booking.attendance == "attended"
    certificate = Certificate.objects.get(enrolment__user=learner, enrolment__course=course)

    # 7. Three months on the learner is asked what they now do differently, and answers.
    later = timezone.make_aware(
        datetime.datetime.combine(
            certificate.completed_on + datetime.timedelta(weeks=14), datetime.time(10)
        )
    )
    with time_machine.travel(later, tick=True):
        impact.follow_ups_send()
        follow_up = ImpactFollowUp.objects.get(enrolment__user=learner)
        asked = [m for m in mailoutbox if m.to == [learner.email] and "differently" in m.subject]
        assert len(asked) == 1
        impact.follow_ups_send()  # the daily run again: nothing more is sent
        assert len([m for m in mailoutbox if m.subject == asked[0].subject]) == 1
        _as(page, learner, live_server)
        page.goto(live_server.url + reverse("courses:impact_follow_up", args=[follow_up.pk]))
        axe(page, context_label="impact follow-up")
        page.locator("textarea[name=practice_change]").fill(
            "I ask who else lives in or visits the home at every visit."
        )
        page.locator("textarea[name=example]").fill(
            "A review where a partner nobody had assessed turned out to be the main carer."
        )
        page.locator("input[name=confidence_now][value='4']").check()
        page.locator("main button.govuk-button").first.click()
        expect(page.locator("#follow-up-answered")).to_be_visible()
    follow_up.refresh_from_db()
    assert follow_up.confidence_now == 4 and follow_up.answered_at is not None
    assert follow_up.manager_id == manager.pk  # their confirmed manager is asked next
