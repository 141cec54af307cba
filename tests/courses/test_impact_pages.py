"""The follow-up pages, "My learning", and the evaluation a certificate can wait for."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Certificate, Enrolment, ImpactFollowUp
from tests.factories import UserFactory, manager_link_confirmed

from .factories import make_course
from .test_impact import FORM, _answered, _due, _fresh

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _url(follow_up, name="courses:impact_follow_up"):
    return reverse(name, args=[follow_up.pk])


def test_the_learner_answers_on_the_page(login, practitioner):
    follow_up = _due(practitioner)
    client = login(practitioner)
    page = client.get(_url(follow_up)).content.decode()
    assert "Do not include names or any details that could identify a child or family" in page
    assert "5 – very confident" in page
    response = client.post(_url(follow_up), FORM)
    assert response.status_code == 302
    assert _fresh(follow_up).confidence_now == 4
    page = client.get(_url(follow_up)).content.decode()
    assert "You answered on" in page and "I check the chronology." in page
    assert "<textarea" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"confidence_now": "7"}, "Choose how confident you feel now, from 1 to 5."),
        ({"confidence_now": ""}, "Choose how confident you feel now, from 1 to 5."),
        ({"example": "  "}, "Give an example from your practice."),
        ({"practice_change": ""}, "Say what you now do differently."),
    ],
)
def test_a_bad_answer_is_shown_again_with_its_error(login, practitioner, changes, message):
    follow_up = _due(practitioner)
    response = login(practitioner).post(_url(follow_up), {**FORM, **changes})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert _fresh(follow_up).answered_at is None


def test_before_it_is_due_the_page_says_when_it_opens(login, practitioner):
    follow_up = _due(practitioner, due_on=timezone.localdate() + 5 * DAY, sent_at=None)
    client = login(practitioner)
    page = client.get(_url(follow_up)).content.decode()
    assert "This follow-up opens on" in page and "<textarea" not in page
    response = client.post(_url(follow_up), FORM, follow=True)
    assert "This follow-up opens on" in response.content.decode()
    assert _fresh(follow_up).answered_at is None


def test_a_second_answer_is_refused_on_the_page(login, practitioner, supervisor):
    follow_up = _answered(practitioner, supervisor)
    response = login(practitioner).post(_url(follow_up), FORM, follow=True)
    assert "You have already answered this follow-up" in response.content.decode()
    assert _fresh(follow_up).example == "A home visit where a new partner had moved in."


def test_nobody_else_finds_the_learners_page(login, practitioner, supervisor, staff):
    follow_up = _answered(practitioner, supervisor)
    for someone in (UserFactory(), supervisor, staff):
        client = login(someone)
        assert client.get(_url(follow_up)).status_code == 404
        assert client.post(_url(follow_up), FORM).status_code == 404
    assert (
        login(practitioner).get(reverse("courses:impact_follow_up", args=[2**63])).status_code
        == 404
    )


def test_the_manager_reads_the_answer_and_confirms(login, practitioner, supervisor):
    follow_up = _answered(practitioner, supervisor)
    client = login(supervisor)
    page = client.get(_url(follow_up, "courses:impact_manager")).content.decode()
    assert "I ask who else lives in the home." in page
    response = client.post(
        _url(follow_up, "courses:impact_manager"),
        {"manager_confirms": "yes", "manager_comment": ""},
    )
    assert response.status_code == 302
    assert _fresh(follow_up).manager_confirms is True
    page = client.get(_url(follow_up, "courses:impact_manager")).content.decode()
    assert "You confirmed this change." in page
    # Once only.
    response = client.post(
        _url(follow_up, "courses:impact_manager"),
        {"manager_confirms": "no", "manager_comment": "No"},
        follow=True,
    )
    assert "already answered" in response.content.decode()
    assert _fresh(follow_up).manager_confirms is True
    learner_page = login(practitioner).get(_url(follow_up)).content.decode()
    assert "Your line manager has confirmed this change." in learner_page


def test_a_manager_who_does_not_confirm_is_asked_why(login, practitioner, supervisor):
    follow_up = _answered(practitioner, supervisor)
    response = login(supervisor).post(
        _url(follow_up, "courses:impact_manager"), {"manager_confirms": "no"}
    )
    assert response.status_code == 200
    assert "Say what you have seen, or why you cannot confirm it." in response.content.decode()
    assert _fresh(follow_up).manager_answered_at is None


def test_only_the_manager_asked_finds_the_managers_page(login, practitioner, supervisor, staff):
    follow_up = _answered(practitioner, supervisor)
    for someone in (practitioner, staff, UserFactory()):
        assert login(someone).get(_url(follow_up, "courses:impact_manager")).status_code == 404
    manager_link_confirmed(learner=practitioner, manager=UserFactory())
    assert login(supervisor).get(_url(follow_up, "courses:impact_manager")).status_code == 404


# --- My learning ---------------------------------------------------------------------------


def test_my_learning_lists_follow_ups_waiting(login, practitioner, supervisor):
    waiting = _due(practitioner)
    page = login(practitioner).get(reverse("courses:my_learning")).content.decode()
    assert "Follow-ups waiting for you" in page and _url(waiting) in page
    learner = UserFactory(first_name="Nadia", last_name="Khan")
    answered = _answered(learner, supervisor)
    page = login(supervisor).get(reverse("courses:my_learning")).content.decode()
    assert "Nadia Khan" in page and _url(answered, "courses:impact_manager") in page
    # Answered follow-ups leave both lists.
    waiting.answered_at, waiting.confidence_now = timezone.now(), 3
    waiting.save()
    answered.manager_answered_at, answered.manager_confirms = timezone.now(), True
    answered.save()
    assert (
        "Follow-ups waiting"
        not in login(practitioner).get(reverse("courses:my_learning")).content.decode()
    )
    assert (
        "Nadia Khan" not in login(supervisor).get(reverse("courses:my_learning")).content.decode()
    )


def _team_follow_ups(manager, rows: int, course):
    learners = UserFactory.create_batch(rows, confirmed_manager=manager)
    enrolments = Enrolment.objects.bulk_create(
        [Enrolment(user=u, course=course, confidence_before=2) for u in learners]
    )
    ImpactFollowUp.objects.bulk_create(
        [
            ImpactFollowUp(
                enrolment=e,
                due_on=timezone.localdate(),
                sent_at=timezone.now(),
                answered_at=timezone.now(),
                confidence_now=3,
                manager=manager,
            )
            for e in enrolments
        ]
    )


def test_my_learning_makes_the_same_queries_with_5_and_200_follow_ups(login, supervisor):
    course = make_course(steps=0)
    client = login(supervisor)
    counts = []
    for rows in (5, 195):
        _team_follow_ups(supervisor, rows, course)
        client.get(reverse("courses:my_learning"))  # warm per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("courses:my_learning"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len(response.context["team_follow_ups"]) == 200


# --- The evaluation before the certificate ------------------------------------------------


def test_no_certificate_until_the_evaluation_is_in_and_one_as_soon_as_it_is(login, practitioner):
    course = make_course(steps=1, require_evaluation=True)
    client = login(practitioner)
    client.post(reverse("courses:enrol", args=[course.pk]), {"confidence_before": "2"})
    step = course.steps.get()
    client.post(reverse("courses:step", args=[course.pk, step.pk]))
    assert not Certificate.objects.filter(enrolment__user=practitioner).exists()
    page = client.get(course.url).content.decode()
    assert "Complete the evaluation to get your certificate." in page
    learning = client.get(reverse("courses:my_learning")).content.decode()
    assert "Complete the evaluation to get your certificate" in learning
    evaluation = client.get(reverse("courses:evaluation", args=[course.pk])).content.decode()
    assert "Complete the evaluation to get your certificate." in evaluation
    response = client.post(
        reverse("courses:evaluation", args=[course.pk]),
        {"confidence_after": "4", "usefulness": "5", "practice_change": "Ask about fathers."},
        follow=True,
    )
    assert Certificate.objects.filter(enrolment__user=practitioner).count() == 1
    assert "your certificate is ready" in response.content.decode()


def test_a_refused_evaluation_issues_no_certificate(practitioner):
    course = make_course(steps=1, require_evaluation=True)
    enrolment = services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    services.step_view_record(enrolment=enrolment, step=course.steps.get())
    with pytest.raises(Exception):
        services.evaluation_submit(
            enrolment=enrolment, confidence_after=9, usefulness=4, practice_change="x"
        )
    assert not Certificate.objects.filter(enrolment=enrolment).exists()


def test_without_the_rule_the_certificate_does_not_wait(login, practitioner):
    course = make_course(steps=1, require_evaluation=False)
    client = login(practitioner)
    client.post(reverse("courses:enrol", args=[course.pk]), {"confidence_before": "2"})
    client.post(reverse("courses:step", args=[course.pk, course.steps.get().pk]))
    assert Certificate.objects.filter(enrolment__user=practitioner).count() == 1
    assert "to get your certificate" not in client.get(course.url).content.decode()
