"""The demo quizzes are valid, branch to more than one ending, and seed idempotently."""

import pytest

from quizzes.models import QuizPage
from seeding.quizzes.demo import seed_demo
from tests.quizzes.factories import stage_data

pytestmark = pytest.mark.django_db


def test_demo_quizzes_seed_once_and_are_valid():
    seed_demo()
    seed_demo()
    quizzes = list(QuizPage.objects.live().order_by("title"))
    assert len(quizzes) == 3
    for quiz in quizzes:
        structure = quiz.structure()
        assert structure.errors() == []
        endings = [s for s in structure.stages if s.is_ending]
        assert len(endings) >= 2
        assert any(q.is_worry for s in structure.stages for q in s.questions)
        assert quiz.get_parent().specific_class.__name__ == "HomePage"


def test_demo_question_ids_do_not_change_when_seeded_again():
    seed_demo()
    before = [q.id for s in QuizPage.objects.first().structure().stages for q in s.questions]
    QuizPage.objects.all().delete()
    seed_demo()
    after = [q.id for s in QuizPage.objects.first().structure().stages for q in s.questions]
    assert before == after


def test_a_demo_quiz_can_be_passed(practitioner):
    from quizzes import services

    seed_demo()
    quiz = QuizPage.objects.get(slug="quiz-jordan-14")
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    structure = attempt.get_structure()
    while not attempt.is_submitted:
        stage = structure.stage(attempt.current_stage)
        fields = {}
        for q in stage.questions:
            if q.is_choice:
                fields[f"q-{q.id}"] = (
                    sorted(q.correct_ids) if q.is_multiple else next(iter(q.correct_ids))
                )
            elif q.is_worry:
                fields[f"q-{q.id}"] = "8"
        attempt = services.answer_record(
            attempt=attempt, stage_key=stage.key, data=stage_data(fields)
        )
    assert attempt.passed and attempt.ending_key == "ending-seen"
    assert attempt.score == 8
