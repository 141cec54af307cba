"""Course pages, enrolment, progress, completion from recorded facts, and My learning."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils

from courses import quiz_results, selectors, services
from courses.models import (
    Attendance,
    Booking,
    BookingStatus,
    Certificate,
    CourseIndexPage,
    CoursePage,
    CourseStep,
    Enrolment,
    ImpactFollowUp,
    StepView,
    TrainingSession,
)
from elearning.library.models import HomePage
from tests.factories import UserFactory

from .factories import (
    BookingFactory,
    CoursePageFactory,
    SessionFactory,
    blended_course,
    course_index,
    library_page,
    make_course,
    started_session,
)

pytestmark = pytest.mark.django_db


def _complete_steps(enrolment):
    for step in enrolment.course.steps.all():
        services.step_view_record(enrolment=enrolment, step=step)


def test_page_types_sit_where_editors_expect():
    assert CourseIndexPage.parent_page_types == ["library.HomePage"]
    assert CoursePage.parent_page_types == ["courses.CourseIndexPage"]
    assert CoursePage.subpage_types == []
    assert CoursePage.can_create_at(CourseIndexPage())
    assert not CoursePage.can_create_at(HomePage())


def test_course_page_renders_for_anonymous_people(client):
    course = make_course(
        title="Neglect: the essentials", learning_outcomes="<ul><li>Spot it</li></ul>"
    )
    response = client.get(course.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Neglect: the essentials" in html
    assert "Spot it" in html
    assert "Sign in to enrol" in html


def test_course_list_page_lists_live_courses(client):
    course = make_course(title="Recognising neglect")
    response = client.get(course.get_parent().url)
    assert "Recognising neglect" in response.content.decode()


def test_enrol_records_confidence_and_goes_to_the_first_step(login, practitioner):
    course = make_course(steps=2)
    client = login(practitioner)
    response = client.post(reverse("courses:enrol", args=[course.pk]), {"confidence_before": "2"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=practitioner, course=course)
    assert enrolment.confidence_before == 2
    response = client.get(response["Location"])
    first = course.steps.order_by("sort_order").first()
    assert response["Location"] == reverse("courses:step", args=[course.pk, first.pk])


def test_enrol_without_a_confidence_rating_is_refused(login, practitioner):
    course = make_course()
    response = login(practitioner).post(reverse("courses:enrol", args=[course.pk]), {})
    assert response.status_code == 200
    assert "Choose how confident you feel" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_enrolling_without_prerequisites_is_refused(login, practitioner):
    basics = make_course(title="Basics")
    advanced = make_course(title="Advanced")
    advanced.prerequisites.add(basics)
    advanced.save_revision().publish()
    response = login(practitioner).post(
        reverse("courses:enrol", args=[advanced.pk]), {"confidence_before": "3"}, follow=True
    )
    assert "Complete Basics before enrolling" in response.content.decode()
    assert not Enrolment.objects.filter(course=advanced).exists()

    enrolment = services.enrolment_create(user=practitioner, course=basics, confidence_before=3)
    _complete_steps(enrolment)
    services.evaluation_submit(
        enrolment=enrolment, confidence_after=4, usefulness=5, practice_change="Ask more."
    )
    services.enrolment_create(user=practitioner, course=advanced, confidence_before=3)


def test_enrolling_twice_is_refused(practitioner):
    course = make_course()
    services.enrolment_create(user=practitioner, course=course, confidence_before=3)
    with pytest.raises(services.CourseRefusal):
        services.enrolment_create(user=practitioner, course=course, confidence_before=3)


def test_progress_next_step_and_resume_follow_recorded_views(login, practitioner):
    course = make_course(steps=3)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    steps = list(course.steps.order_by("sort_order"))
    services.step_view_record(enrolment=enrolment, step=steps[0])
    progress = selectors.enrolment_progress(enrolment)
    assert (progress.done, progress.total, progress.next_step) == (1, 3, steps[1])
    assert progress.percent == 25  # 1 of 3 steps and the evaluation
    response = login(practitioner).get(reverse("courses:resume", args=[course.pk]))
    assert response["Location"] == reverse("courses:step", args=[course.pk, steps[1].pk])


def test_step_page_links_to_the_page_and_records_the_step(login, practitioner):
    course = make_course(steps=1)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    step = course.steps.get()
    client = login(practitioner)
    html = client.get(reverse("courses:step", args=[course.pk, step.pk])).content.decode()
    assert step.page.url in html
    client.post(reverse("courses:step", args=[course.pk, step.pk]))
    assert StepView.objects.filter(enrolment=enrolment, step=step).exists()


def test_step_of_another_course_is_not_found(login, practitioner):
    course, other = make_course(), make_course()
    services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    step = other.steps.first()
    response = login(practitioner).post(reverse("courses:step", args=[course.pk, step.pk]))
    assert response.status_code == 404
    assert not StepView.objects.exists()


def test_steps_need_an_enrolment(login, practitioner):
    course = make_course()
    step = course.steps.first()
    assert (
        login(practitioner).get(reverse("courses:step", args=[course.pk, step.pk])).status_code
        == 404
    )


def test_completion_needs_every_rule_and_then_issues_one_certificate(practitioner):
    course = make_course(steps=2, cpd_hours=3, refresher_months=36)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    _complete_steps(enrolment)
    progress = selectors.enrolment_progress(enrolment)
    assert not progress.complete
    assert progress.needs_evaluation
    assert not Certificate.objects.exists()
    services.evaluation_submit(
        enrolment=enrolment, confidence_after=4, usefulness=4, practice_change="Chronology."
    )
    certificate = Certificate.objects.get()
    assert certificate.cpd_hours == 3
    assert certificate.expires_on.year == certificate.completed_on.year + 3
    assert selectors.enrolment_progress(enrolment).complete
    services.step_view_record(enrolment=enrolment, step=course.steps.first())
    assert Certificate.objects.count() == 1


def test_evaluation_before_the_steps_is_refused(practitioner):
    course = make_course(steps=2)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    with pytest.raises(services.CourseRefusal):
        services.evaluation_submit(
            enrolment=enrolment, confidence_after=4, usefulness=4, practice_change="x"
        )
    enrolment.refresh_from_db()
    assert enrolment.evaluated_at is None


def test_evaluation_form_refuses_out_of_range_ratings(login, practitioner):
    course = make_course(steps=1)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    _complete_steps(enrolment)
    response = login(practitioner).post(
        reverse("courses:evaluation", args=[course.pk]),
        {"confidence_after": "9", "usefulness": "4", "practice_change": "More curiosity."},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.confidence_after is None


def test_blended_course_completes_when_the_session_is_attended(staff, practitioner):
    course = blended_course(steps=1, require_evaluation=False)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=1)
    _complete_steps(enrolment)
    assert not selectors.enrolment_progress(enrolment).complete
    session = started_session(course=course)
    booking = BookingFactory(session=session, user=practitioner)
    key = (booking.pk, session.parts.get().pk)
    services.attendance_record(session=session, marked_by=staff, marks={key: False})
    assert not Certificate.objects.exists()
    services.attendance_record(session=session, marked_by=staff, marks={key: True})
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_completion_is_recomputed_not_stored(practitioner):
    """Deleting a recorded fact changes the answer: nothing stale is kept on the enrolment."""
    course = make_course(steps=1, require_evaluation=False)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=1)
    assert not selectors.enrolment_progress(enrolment).complete
    _complete_steps(enrolment)
    assert selectors.enrolment_progress(enrolment).complete
    StepView.objects.all().delete()
    assert not selectors.enrolment_progress(enrolment).complete


def test_quiz_steps_need_a_real_pass(practitioner):
    from courses.models import CourseStep
    from tests.quizzes.factories import POOR_PATH, attempt_complete, quiz_create

    course = make_course(steps=1, require_evaluation=False)
    quiz = quiz_create(title="Step quiz", slug="step-quiz")
    CourseStep.objects.create(course=course, page=quiz, sort_order=1)
    assert quiz_results.is_quiz_page(quiz)
    assert not quiz_results.is_quiz_page(course.steps.first().page)

    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=1)
    _complete_steps(enrolment)
    progress = selectors.enrolment_progress(enrolment)
    assert not progress.complete
    assert "quizzes" in [r.kind for r in progress.requirements if not r.met]

    attempt_complete(practitioner, quiz, POOR_PATH)
    assert not selectors.enrolment_progress(enrolment).complete
    attempt_complete(practitioner, quiz)
    assert selectors.enrolment_progress(enrolment).complete


def test_my_learning_shows_progress_bookings_and_certificates(login, practitioner):
    in_progress = make_course(title="Halfway course", steps=2)
    done = make_course(title="Finished course", steps=1, require_evaluation=False)
    services.enrolment_create(user=practitioner, course=in_progress, confidence_before=2)
    finished = services.enrolment_create(user=practitioner, course=done, confidence_before=2)
    _complete_steps(finished)
    BookingFactory(user=practitioner)
    html = login(practitioner).get(reverse("courses:my_learning")).content.decode()
    assert "Halfway course" in html
    assert "0% complete" in html
    assert "Finished course" in html
    assert Certificate.objects.get().code in html or "Download PDF" in html
    assert "Place confirmed" in html


def test_my_learning_needs_sign_in(client):
    assert client.get(reverse("courses:my_learning")).status_code == 302


def test_dashboard_shows_the_my_learning_panel_and_nav(login, practitioner):
    html = login(practitioner).get(reverse("dashboard")).content.decode()
    assert "Go to my learning" in html
    assert reverse("courses:my_learning") in html


@pytest.mark.parametrize("rows", [5, 200])
def test_my_learning_query_count_does_not_grow(rows, login, django_assert_num_queries):
    """The learner's own enrolments, step views, bookings and certificates all scale."""
    learner = UserFactory()
    index = course_index()
    guide = library_page()
    enrolments = []
    for i in range(rows):
        course = CoursePageFactory(
            parent=index, title=f"Course {i}", slug=f"scale-{i}", summary="s", publish=False
        )
        CourseStep.objects.create(course=course, page=guide, sort_order=0)
        enrolments.append(Enrolment(user=learner, course=course, confidence_before=2))
    Enrolment.objects.bulk_create(enrolments)
    steps = dict(CourseStep.objects.values_list("course_id", "pk"))
    StepView.objects.bulk_create(
        [StepView(enrolment=e, step_id=steps[e.course_id]) for e in enrolments[: rows // 2]]
    )
    session = SessionFactory(course=enrolments[0].course)
    sessions = TrainingSession.objects.bulk_create(
        [
            TrainingSession(
                course=session.course,
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                capacity=5,
                booking_deadline=session.booking_deadline,
                cancellation_cutoff=session.cancellation_cutoff,
            )
            for _ in range(rows)
        ]
    )
    Booking.objects.bulk_create(
        [Booking(session=s, user=learner, status=BookingStatus.BOOKED) for s in sessions]
    )
    Certificate.objects.bulk_create(
        [
            Certificate(
                enrolment=e,
                learner_name="L",
                course_title="C",
                cpd_hours=1,
                completed_on=datetime.date(2026, 1, 1),
                code=f"CODE{i:07d}",
            )
            for i, e in enumerate(enrolments[rows // 2 :])
        ]
    )
    # The completed half each have an impact follow-up waiting.
    ImpactFollowUp.objects.bulk_create(
        [
            ImpactFollowUp(enrolment=e, due_on=datetime.date(2026, 4, 2), sent_at=timezone.now())
            for e in enrolments[rows // 2 :]
        ]
    )
    client = login(learner)
    url = reverse("courses:my_learning")
    page = client.get(url).content.decode()
    assert page.count("app-progress__bar") == rows // 2
    assert page.count("What has changed in your practice since") == rows - rows // 2
    with django_assert_num_queries(MY_LEARNING_QUERIES):
        client.get(url)


# One more for the codes a re-issued certificate replaced; two list the follow-ups waiting
# for the learner and for them as a manager.
MY_LEARNING_QUERIES = 15


class TestCoursePageInAdmin(WagtailTestUtils):
    def test_staff_can_reach_the_course_editor(self, login, staff):
        course = make_course()
        response = login(staff).get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
        assert response.status_code == 200
        assert "Steps in order" in response.content.decode()


def test_attendance_choices_are_the_three_the_partnership_reports():
    assert set(Attendance.values) == {"attended", "partly", "no_show"}


def test_editors_can_preview_a_new_course_before_saving_it(rf, staff):
    from courses.models import CourseStep

    index = course_index()
    course = CoursePage(title="Draft course", slug="draft-course", summary="Draft summary.")
    course.steps.add(CourseStep(page=library_page(), sort_order=0))
    course.set_url_path(index)
    course.depth = index.depth + 1
    course.path = index.path + "9999"
    request = rf.get("/")
    request.user = staff
    response = course.serve_preview(request, course.default_preview_mode)
    response.render()
    html = response.content.decode()
    assert "Draft summary." in html
    assert "Enrol on this course" not in html


def test_a_course_cannot_be_its_own_prerequisite():
    from django.core.exceptions import ValidationError

    course = make_course()
    course.prerequisites.add(course)
    with pytest.raises(ValidationError):
        course.full_clean()
