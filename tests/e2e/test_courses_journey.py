"""Browser journeys for courses and training sessions, in real Chromium with axe checks."""

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from courses import services
from courses.models import Booking, BookingStatus, Certificate, TrainingSession
from tests.conftest import sign_in_by_session
from tests.courses.factories import SessionFactory, make_course
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile("/dashboard/"))


def test_enrol_complete_an_elearning_course_download_and_verify_the_certificate(
    page, live_server, axe, tmp_path
):
    course = make_course(title="Neglect: the essentials", steps=2, cpd_hours=2)
    learner = UserFactory(first_name="Rosa", last_name="Lane")
    sign_in(page, learner)

    page.goto(course.url)
    axe(page, context_label="course page")
    page.get_by_label("3").check()
    page.get_by_role("button", name="Enrol on this course").click()

    for n in (1, 2):
        page.wait_for_url(re.compile(r"/learning/courses/\d+/steps/\d+/"))
        expect(page.get_by_text(f"Step {n} of 2")).to_be_visible()
        if n == 1:
            axe(page, context_label="course step")
        page.get_by_role("button", name=re.compile("finished this step")).click()

    page.wait_for_url(re.compile("/evaluation/"))
    axe(page, context_label="evaluation")
    page.get_by_role("group", name=re.compile("How confident")).get_by_label("4").check()
    page.get_by_role("group", name=re.compile("How useful")).get_by_label("5 – very useful").check()
    page.get_by_label("What will you do differently").fill("Start a chronology sooner.")
    page.get_by_role("button", name="Submit evaluation").click()
    expect(page.get_by_text("Course completed")).to_be_visible()
    certificate = Certificate.objects.get(enrolment__user=learner)
    page.goto("/learning/my/")
    axe(page, context_label="my learning")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download PDF")).click()
    target = tmp_path / "certificate.pdf"
    download_info.value.save_as(target)
    assert Path(target).read_bytes().startswith(b"%PDF")

    # Anyone can check the code, signed in or not.
    page.goto("/accounts/logout/")
    page.get_by_role("button", name=re.compile("Sign out", re.I)).click()
    page.goto("/learning/verify/")
    page.get_by_label("Verification code").fill(certificate.code)
    page.get_by_role("button", name="Check code").click()
    expect(page.get_by_role("heading", name="Current certificate")).to_be_visible()
    expect(page.locator("main")).to_contain_text(certificate.learner_name)
    axe(page, context_label="verification result")
    page.get_by_label("Verification code").fill("ZZZZZ-99999")
    page.get_by_role("button", name="Check code").click()
    expect(page.get_by_text("Unknown code")).to_be_visible()
    assert "Rosa" not in page.content()


def test_book_a_full_session_wait_be_promoted_after_a_cancellation(page, live_server, axe):
    session = SessionFactory(capacity=1, venue="", joining_details="Meeting code 4242")
    holder = UserFactory()
    services.booking_create(session=session, user=holder)
    learner = UserFactory()
    sign_in(page, learner)

    page.goto("/learning/sessions/")
    axe(page, context_label="session list")
    page.get_by_role("link", name=session.course.title).click()
    expect(page.get_by_text("Shown to people with a confirmed place.")).to_be_visible()
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_text("you are on the waiting list").first).to_be_visible()
    expect(page.locator("#booking-status")).to_have_text("On the waiting list")
    axe(page, context_label="session page, wait-listed")

    mail.outbox.clear()
    services.booking_cancel(booking=Booking.objects.get(user=holder), user=holder)

    page.reload()
    expect(page.locator("#booking-status")).to_have_text("Place confirmed")
    expect(page.get_by_text("Meeting code 4242")).to_be_visible()
    assert any(m.to == [learner.email] and "place has come up" in m.subject for m in mail.outbox)

    page.goto("/learning/my/")
    expect(page.get_by_text("Place confirmed")).to_be_visible()
    page.goto(f"/learning/sessions/{session.pk}/")
    page.get_by_role("link", name="Cancel my booking").click()
    # Cancelling asks first; only the confirmation cancels.
    page.wait_for_url(re.compile(r"/learning/bookings/\d+/cancel/$"))
    assert Booking.objects.get(user=learner).status == BookingStatus.BOOKED
    page.get_by_role("button", name="Yes, cancel my place").click()
    expect(page.get_by_text("Your booking has been cancelled.")).to_be_visible()
    assert Booking.objects.get(user=learner).status == BookingStatus.CANCELLED


def test_trainer_marks_the_register_and_prints_the_sign_in_sheet(page, live_server, axe):
    trainer = UserFactory()
    session = SessionFactory(trainer=trainer)
    learner = UserFactory(first_name="Dev", last_name="Sharma")
    booking = services.booking_create(session=session, user=learner)
    # The learner booked ahead; the session has now begun, so its register is open.
    started = timezone.now() - datetime.timedelta(hours=1)
    times = {"starts_at": started, "ends_at": started + datetime.timedelta(hours=3)}
    TrainingSession.objects.filter(pk=session.pk).update(**times)
    session.parts.update(**times)
    sign_in(page, trainer)
    page.goto(f"/learning/sessions/{session.pk}/register/")
    axe(page, context_label="register")
    page.get_by_label("Attended part 1: Dev Sharma").check()
    page.get_by_role("button", name="Save register").click()
    expect(page.get_by_text("Register saved")).to_be_visible()
    booking.refresh_from_db()
    assert booking.attendance == "attended"
    page.get_by_role("link", name="Print the sign-in sheet").click()
    expect(page.get_by_role("cell", name="Dev Sharma")).to_be_visible()
    axe(page, context_label="sign-in sheet")


def sign_in_with_session(page, live_server, user):
    sign_in_by_session(page.context, user, live_server.url)


def test_manager_approves_a_booking_and_staff_read_the_reports(page, live_server, axe):
    from tests.factories import role_user

    manager = UserFactory(first_name="Morgan")
    learner = UserFactory(first_name="Kit", last_name="Jones", confirmed_manager=manager)
    course = make_course(requires_manager_approval=True, delivery_mode="face_to_face")
    session = SessionFactory(course=course)
    booking = services.booking_create(session=session, user=learner)

    sign_in(page, manager)
    page.goto("/learning/my/")
    page.get_by_role("link", name=re.compile("waiting for your approval")).click()
    page.wait_for_url("**/approvals/**")
    axe(page, context_label="approvals")
    page.get_by_role("button", name="Approve Kit Jones").click()
    expect(page.get_by_text("Booking approved.")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED

    page.context.clear_cookies()
    sign_in_with_session(page, live_server, role_user("staff"))
    # The old training report address leads to the partnership reports; a course's old
    # address to the drill-down for that course, with the training sections only.
    page.goto("/learning/reports/")
    page.wait_for_url(re.compile(r"/reports/#training-sessions$"))
    expect(page.get_by_text("[c] marks a figure withheld")).to_be_visible()
    axe(page, context_label="partnership reports")
    page.goto(f"/learning/reports/courses/{course.pk}/")
    page.wait_for_url(re.compile(rf"/reports/\?course={course.pk}#training-sessions$"))
    expect(page.get_by_text(f"Course: {course.title}.")).to_be_visible()
    expect(page.get_by_role("heading", name="Training sessions", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Scenario quizzes")).to_have_count(0)
    axe(page, context_label="course drill-down")
