"""Query budgets: a step, a result and the lists cost the same however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes import services
from quizzes.models import Attempt
from tests.factories import UserFactory
from tests.quizzes.factories import (
    GOOD_PATH,
    POOR_PATH,
    attempt_complete,
    branching_stages,
    quiz_create,
    stage_data,
)

pytestmark = pytest.mark.django_db


def _count(func) -> int:
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def _scenario(user_factory, login, *, questions: int, past: int):
    """A learner with ``past`` finished attempts on a quiz with ``questions`` extra questions."""
    quiz = quiz_create(
        branching_stages(extra_questions=questions),
        title=f"Quiz {questions}",
        slug=f"quiz-{questions}",
    )
    user = user_factory()
    for _ in range(past):
        attempt_complete(user, quiz, GOOD_PATH)
    for _ in range(past):
        attempt_complete(UserFactory(), quiz, GOOD_PATH)
    client = login(user)
    attempt = services.attempt_start(user=user, quiz=quiz)
    url = f"{quiz.url}attempt/{attempt.pk}/"
    client.get(quiz.url)  # the first request of a run fills the site caches
    counts = {
        "index": _count(lambda: client.get(quiz.url)),
        "stage": _count(lambda: client.get(url)),
        "answer": _count(
            lambda: client.post(url, {"stage": "start", "q-q-first": "o-act", "q-q-worry": "4"})
        ),
        "feedback": _count(lambda: client.get(f"{url}feedback/start/")),
        "answer-last": _count(
            lambda: client.post(url, {"stage": "check-in", "q-q-signs": ["o-teeth"]})
        ),
        "result": _count(lambda: client.get(f"{url}result/")),
        "mine": _count(lambda: client.get("/quizzes/mine/")),
        "dashboard": _count(lambda: client.get("/dashboard/")),
        "practice": _count(lambda: client.get(quiz.url + "practice/")),
    }
    assert Attempt.objects.get(pk=attempt.pk).is_submitted
    return counts


def test_steps_cost_the_same_with_5_and_200_questions_and_past_attempts(login):
    small = _scenario(UserFactory, login, questions=5, past=5)
    large = _scenario(UserFactory, login, questions=200, past=200)
    assert small == large


def test_analytics_cost_the_same_with_5_and_200_attempts(staff, login):
    client = login(staff)
    client.get("/quizzes/analytics/")  # the first request of a run fills the site caches
    counts = []
    for n in (5, 200):
        quiz = quiz_create(title=f"Q{n}", slug=f"q{n}")
        for _ in range(n):
            attempt_complete(UserFactory(), quiz, POOR_PATH)
        counts.append(
            (
                _count(lambda: client.get("/quizzes/analytics/")),
                _count(lambda: client.get(f"/quizzes/analytics/{quiz.pk}/")),
                _count(lambda: client.get(f"/quizzes/analytics/{quiz.pk}/item-analysis.csv")),
            )
        )
    assert counts[0] == counts[1]


def test_recording_a_stage_makes_the_same_queries_with_5_and_50_questions_in_it():
    from tests.quizzes.factories import choice, option, stage

    counts = []
    for n in (5, 50):
        questions = [
            choice(
                f"q{i}",
                f"Q{i}",
                [option(f"a{i}", "A", correct=True, score=1), option(f"b{i}", "B")],
            )
            for i in range(n)
        ]
        quiz = quiz_create([stage("s", "S", questions, ending=True)], title=f"R{n}", slug=f"r{n}")
        attempt = services.attempt_start(user=UserFactory(), quiz=quiz)
        data = stage_data({f"q-q{i}": f"a{i}" for i in range(n)})
        counts.append(
            _count(
                lambda a=attempt, d=data: services.answer_record(attempt=a, stage_key="s", data=d)
            )
        )
        assert Attempt.objects.get(pk=attempt.pk).score == n
    assert counts[0] == counts[1]
