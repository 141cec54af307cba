"""The partnership view of item analysis agrees with each quiz's own analysis."""

import datetime
import random

import pytest
from django.utils import timezone

from quizzes import selectors
from quizzes.analytics import quiz_analysis
from quizzes.models import Answer, Attempt, AttemptStatus, QuizVersion
from tests.factories import UserFactory
from tests.quizzes.factories import quiz_create

pytestmark = pytest.mark.django_db


def _version(quiz) -> QuizVersion:
    """The version the synthetic attempts point at; item analysis never reads it."""
    return QuizVersion.objects.for_structure(quiz, [])


def _synthetic_attempts(quiz, users, *, answers_per_question: dict, rng):
    """Finished attempts with made-up scores (many ties) and answers, in bulk.

    ``answers_per_question`` maps a question id to how many attempts answered it, so group
    sizes like 150 (where Python rounds 40.5 to even) are exercised.
    """
    most = max(answers_per_question.values())
    version = _version(quiz)
    attempts = Attempt.objects.bulk_create(
        Attempt(
            user=users[i % len(users)],
            quiz=quiz,
            number=i // len(users) + 1,
            status=AttemptStatus.SUBMITTED,
            quiz_title=quiz.title,
            version=version,
            scoring_mode="path",
            pass_mark=quiz.pass_mark,
            review="immediately",
            score=rng.choice([0, 1, 1, 2, 3, 3, 3, 5, None]),
            passed=rng.random() < 0.5,
            submitted_at=timezone.now(),
        )
        for i in range(most)
    )
    rows = []
    for question_id, count in answers_per_question.items():
        skill = rng.choice([-0.4, 0.0, 0.3, 0.6])
        for position, attempt in enumerate(rng.sample(attempts, count)):
            good = (attempt.score or 0) / 5
            correct = rng.random() < 0.5 + skill * (good - 0.5) + (0.45 if skill == 0 else 0)
            rows.append(
                Answer(
                    attempt=attempt,
                    stage_key="start",
                    stage_heading="First visit",
                    position=position % 3,
                    question_id=question_id,
                    question_kind="single_answer",
                    question_text=f"Question {question_id}",
                    options_shown=[{"id": "a", "text": "A"}],
                    selected_option_ids=["a"],
                    is_correct=correct,
                )
            )
    Answer.objects.bulk_create(rows)


def test_item_statistics_match_the_per_quiz_analysis_exactly():
    rng = random.Random(7)
    users = UserFactory.create_batch(40)
    first = quiz_create(title="First quiz", slug="first-quiz")
    second = quiz_create(title="Second quiz", slug="second-quiz")
    # The same question ids in both quizzes: they must not be mixed up.
    sizes = {"q-a": 150, "q-b": 9, "q-c": 37, "q-d": 350, "q-e": 50, "q-f": 12}
    _synthetic_attempts(first, users, answers_per_question=sizes, rng=rng)
    _synthetic_attempts(second, users, answers_per_question={"q-a": 23, "q-b": 150}, rng=rng)

    expected = {
        (quiz.pk, q["id"]): (q["responses"], q["facility"], q["discrimination"], q["flags"])
        for quiz in (first, second)
        for q in quiz_analysis(quiz)["questions"]
    }
    items = selectors.item_statistics(Attempt.objects.all())
    got = {
        (i["quiz_id"], i["question_id"]): (
            i["responses"],
            i["facility"],
            i["discrimination"],
            i["flags"],
        )
        for i in items
    }
    assert got == expected
    flagged = selectors.flagged_items(Attempt.objects.all())
    assert {(i["quiz_id"], i["question_id"]) for i in flagged} == {
        key for key, value in expected.items() if value[3]
    }
    assert any(i["discrimination"] is not None and i["discrimination"] < 0 for i in flagged)


def test_questions_answered_by_too_few_people_are_left_out():
    rng = random.Random(3)
    users = UserFactory.create_batch(4)
    quiz = quiz_create()
    _synthetic_attempts(quiz, users, answers_per_question={"q-a": 12, "q-b": 2}, rng=rng)
    # Twelve answers to q-a, but from only four people; q-b from two at most.
    assert selectors.item_statistics(Attempt.objects.all(), min_people=5) == []
    kept = selectors.item_statistics(Attempt.objects.all(), min_people=4)
    assert [i["question_id"] for i in kept] == ["q-a"]
    assert len(selectors.item_statistics(Attempt.objects.all())) == 2


def test_the_27_percent_groups_round_halves_to_even_as_python_does():
    """150 answers: 150 * 0.27 = 40.5, which Python rounds to 40, not 41."""
    users = UserFactory.create_batch(5)
    quiz = quiz_create()
    version = _version(quiz)
    attempts = Attempt.objects.bulk_create(
        Attempt(
            user=users[i % 5],
            quiz=quiz,
            number=i // 5 + 1,
            status=AttemptStatus.SUBMITTED,
            quiz_title=quiz.title,
            version=version,
            scoring_mode="path",
            pass_mark=1,
            review="immediately",
            score=0,
            submitted_at=timezone.now(),
        )
        for i in range(150)
    )
    # All scores tie, so the ranking is by attempt; only the 41st and 110th are right: just
    # outside the bottom and the top 40.
    Answer.objects.bulk_create(
        Answer(
            attempt=attempt,
            stage_key="start",
            stage_heading="First visit",
            position=0,
            question_id="q-edge",
            question_kind="single_answer",
            question_text="On the edge",
            is_correct=rank in (41, 110),
        )
        for rank, attempt in enumerate(attempts, start=1)
    )
    (expected,) = quiz_analysis(quiz)["questions"]
    (item,) = selectors.item_statistics(Attempt.objects.all())
    assert expected["discrimination"] == item["discrimination"] == 0.0
    Answer.objects.filter(attempt=attempts[109]).update(is_correct=False)
    (expected,) = quiz_analysis(quiz)["questions"]
    (item,) = selectors.item_statistics(Attempt.objects.all())
    # Had the bottom group been 41 answers, the one right answer would fall in it.
    assert expected["discrimination"] == item["discrimination"] == 0.0


def test_only_each_quizs_latest_attempts_are_analysed_when_bounded():
    users = UserFactory.create_batch(6)
    quiz = quiz_create()
    now = timezone.now()
    version = _version(quiz)
    attempts = Attempt.objects.bulk_create(
        Attempt(
            user=users[i % 6],
            quiz=quiz,
            number=i // 6 + 1,
            status=AttemptStatus.SUBMITTED,
            quiz_title=quiz.title,
            version=version,
            scoring_mode="path",
            pass_mark=1,
            review="immediately",
            score=1,
            submitted_at=now - datetime.timedelta(days=12 - i),
        )
        for i in range(12)
    )
    # The six oldest got it wrong, the six newest right.
    Answer.objects.bulk_create(
        Answer(
            attempt=attempt,
            stage_key="start",
            stage_heading="First visit",
            position=0,
            question_id="q-a",
            question_kind="single_answer",
            question_text="A question",
            is_correct=i >= 6,
        )
        for i, attempt in enumerate(attempts)
    )
    (everything,) = selectors.item_statistics(Attempt.objects.all())
    assert (everything["responses"], everything["facility"]) == (12, 50)
    (latest,) = selectors.item_statistics(Attempt.objects.all(), latest_per_quiz=6)
    assert (latest["responses"], latest["facility"]) == (6, 100)
