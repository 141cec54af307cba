"""courses.selectors.progress: a learner's progress on a course from what they have done."""

import pytest
from django.utils import timezone

from courses.models import Attendance, BookingStatus, StepView
from courses.selectors.progress import RequirementKind, enrolment_progress

from .factories import BookingFactory, EnrolmentFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db


def _steps(course):
    return list(course.steps.order_by("sort_order"))


def test_progress_counts_the_steps_viewed_and_the_evaluation(practitioner):
    course = make_course(steps=2)
    enrolment = EnrolmentFactory(user=practitioner, course=course)
    first, second = _steps(course)
    StepView.objects.create(enrolment=enrolment, step=first)

    progress = enrolment_progress(enrolment)

    assert [r.kind for r in progress.requirements] == [
        RequirementKind.STEPS,
        RequirementKind.EVALUATION,
    ]
    assert (progress.done, progress.total) == (1, 2)
    assert (progress.parts_done, progress.parts_total) == (1, 3)
    assert progress.percent == 33
    assert progress.next_step == second
    assert not progress.only_steps
    assert not progress.complete


def test_progress_is_complete_when_every_requirement_is_met(practitioner):
    course = make_course(steps=2)
    enrolment = EnrolmentFactory(user=practitioner, course=course, evaluated_at=timezone.now())
    for step in _steps(course):
        StepView.objects.create(enrolment=enrolment, step=step)

    progress = enrolment_progress(enrolment)

    assert progress.complete
    assert progress.percent == 100
    assert progress.next_step is None


def test_a_course_of_steps_alone_counts_in_steps(practitioner):
    course = make_course(steps=2, require_evaluation=False)
    enrolment = EnrolmentFactory(user=practitioner, course=course)

    progress = enrolment_progress(enrolment)

    assert progress.only_steps
    assert (progress.parts_done, progress.parts_total) == (0, 2)


def test_a_required_session_is_met_only_by_attending_all_of_it(practitioner):
    course = make_course(steps=0, require_session_attended=True, require_evaluation=False)
    enrolment = EnrolmentFactory(user=practitioner, course=course)
    session = SessionFactory(course=course)
    booking = BookingFactory(
        session=session,
        user=practitioner,
        status=BookingStatus.BOOKED,
        attendance=Attendance.PARTLY,
    )

    partly = enrolment_progress(enrolment)
    booking.attendance = Attendance.ATTENDED
    booking.save(update_fields=["attendance"])
    attended = enrolment_progress(enrolment)

    assert [r.kind for r in partly.requirements] == [RequirementKind.STEPS, RequirementKind.SESSION]
    assert not partly.complete
    assert attended.complete
