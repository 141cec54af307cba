"""Courses explain themselves: quiz steps say what is needed and how many attempts are left,
prerequisites cannot loop, and progress figures agree with each other."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import selectors, services
from courses.models import CoursePage, CourseStep
from quizzes import services as quiz_services
from tests.quizzes.factories import POOR_PATH, attempt_complete, quiz_create

from .factories import make_course

pytestmark = pytest.mark.django_db


def _quiz_course(practitioner, **quiz_fields):
    course = make_course(steps=0, require_evaluation=False, contact_email="training@example.org")
    quiz = quiz_create(title="Step quiz", slug="step-quiz", **quiz_fields)
    step = CourseStep.objects.create(course=course, page=quiz, sort_order=0)
    services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    return course, quiz, step


def test_quiz_step_says_pass_mark_and_attempts_left(login, practitioner):
    course, quiz, step = _quiz_course(practitioner, max_attempts=3, pass_mark=4)
    attempt_complete(practitioner, quiz, POOR_PATH)
    client = login(practitioner)
    url = reverse("courses:step", args=[course.pk, step.pk])
    response = client.post(url, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == url
    assert "the pass mark is 4 points" in html
    assert "You have 2 attempts left." in html


def test_quiz_step_with_no_attempts_left_says_who_can_help(login, practitioner, staff):
    course, quiz, step = _quiz_course(practitioner, max_attempts=1)
    attempt_complete(practitioner, quiz, POOR_PATH)
    client = login(practitioner)
    url = reverse("courses:step", args=[course.pk, step.pk])
    html = client.get(url).content.decode()
    assert "You have used all your attempts" in html
    assert "training@example.org" in html
    quiz_services.attempt_grant(by=staff, user=practitioner, quiz=quiz, reason="Power cut.")
    html = client.get(url).content.decode()
    assert "You have 1 attempt left." in html


def test_quiz_step_without_a_contact_points_to_partnership_staff(login, practitioner):
    course, quiz, step = _quiz_course(practitioner, max_attempts=1)
    CoursePage.objects.filter(pk=course.pk).update(contact_email="")
    attempt_complete(practitioner, quiz, POOR_PATH)
    html = login(practitioner).get(reverse("courses:step", args=[course.pk, step.pk])).content
    assert "Contact partnership staff" in html.decode()


def test_a_course_cannot_require_itself_or_loop():
    first = make_course(title="First")
    second = make_course(title="Second")
    second.prerequisites.set([first])
    second.save()
    first.prerequisites.set([first])
    with pytest.raises(ValidationError, match="prerequisite of itself"):
        first.full_clean()
    first.prerequisites.set([second])
    with pytest.raises(ValidationError, match="Second already needs this course"):
        first.full_clean()
    third = make_course(title="Third")
    third.prerequisites.set([second])
    third.save()
    first.prerequisites.set([third])  # First -> Third -> Second -> First
    with pytest.raises(ValidationError, match="Third already needs this course"):
        first.full_clean()


def _label(html: str) -> str:
    start = html.index('id="progress-label-')
    return html[html.index(">", start) + 1 : html.index("</p>", start)]


def test_progress_percentage_and_counts_agree(login, practitioner):
    course = make_course(steps=2)  # two steps and the evaluation
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    progress = selectors.enrolment_progress(enrolment)
    assert (progress.percent, progress.parts_done, progress.parts_total) == (0, 0, 3)
    services.step_view_record(enrolment=enrolment, step=course.steps.first())
    progress = selectors.enrolment_progress(enrolment)
    assert (progress.percent, progress.parts_done, progress.parts_total) == (33, 1, 3)
    html = login(practitioner).get(course.url).content.decode()
    assert "33% complete (1 of 3 parts" in _label(html)


def test_progress_ignores_steps_the_course_does_not_require(practitioner):
    # Before: steps that were not required still counted, so this read "50% (0 of 2 steps)".
    course = make_course(steps=2, require_steps_viewed=False)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    services.evaluation_submit(
        enrolment=enrolment, confidence_after=4, usefulness=4, practice_change="Ask earlier."
    )
    progress = selectors.enrolment_progress(enrolment)
    assert progress.complete
    assert (progress.percent, progress.parts_done, progress.parts_total) == (100, 1, 1)


def test_steps_only_course_says_steps(login, practitioner):
    course = make_course(steps=2, require_evaluation=False)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    services.step_view_record(enrolment=enrolment, step=course.steps.first())
    html = login(practitioner).get(course.url).content.decode()
    assert _label(html) == "50% complete (1 of 2 steps)"
