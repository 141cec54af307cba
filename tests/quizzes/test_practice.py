"""Practice mode's rules, tested without the view: what comes next, right and wrong answers,
the end, and a changed state or answer refused."""

import pytest
from django.core import signing

from quizzes import practice as rules
from quizzes.models import ReviewOption
from quizzes.services import StageAnswersInvalid
from tests.quizzes.factories import GOOD_PATH, POOR_PATH, quiz_create, stage_data

pytestmark = pytest.mark.django_db


def _walk(structure, path):
    practice = rules.practice_start(structure)
    steps = []
    for key, fields in path:
        step = rules.practice_answer(
            rules.practice_load(structure, practice.signed), key, stage_data(fields)
        )
        steps.append(step)
        practice = step.practice
    return practice, steps


def test_practice_starts_at_the_first_stage_and_survives_the_round_trip():
    structure = quiz_create().structure()
    started = rules.practice_start(structure)
    assert started.current.key == "start" and started.step == 1
    loaded = rules.practice_load(structure, started.signed)
    assert loaded.path == ["start"] and loaded.answers == []


def test_a_right_answer_moves_along_the_good_path_to_a_pass():
    quiz = quiz_create()
    structure = quiz.structure()
    practice, (first, second) = _walk(structure, GOOD_PATH)
    assert first.next_stage.key == "check-in" and not first.finished
    assert second.finished and practice.path == ["start", "check-in", "good-end"]
    result = rules.practice_result(
        practice, scoring_mode=quiz.scoring_mode, pass_mark=quiz.pass_mark, review=quiz.review
    )
    assert result.ending.key == "good-end"
    assert result.passed and result.score >= quiz.pass_mark


def test_a_wrong_answer_branches_and_ends_without_a_pass():
    quiz = quiz_create()
    structure = quiz.structure()
    practice, (first, second) = _walk(structure, POOR_PATH)
    assert first.next_stage.key == "drift"
    assert second.finished and practice.path[-1] == "poor-end"
    result = rules.practice_result(
        practice, scoring_mode=quiz.scoring_mode, pass_mark=quiz.pass_mark, review=quiz.review
    )
    assert not result.passed and result.ending.key == "poor-end"


def test_feedback_follows_the_quiz_review_setting():
    structure = quiz_create().structure()
    _practice, (first, _second) = _walk(structure, GOOD_PATH)
    items = first.feedback(ReviewOption.IMMEDIATELY)
    assert {a.question_id for a in items} == {"q-first", "q-worry", "q-why"}
    assert first.feedback(ReviewOption.NEVER) is None


def test_the_end_is_shown_once_an_ending_is_reached():
    structure = quiz_create().structure()
    practice, _steps = _walk(structure, GOOD_PATH)
    assert practice.is_over_at(practice.current)
    assert not rules.practice_start(structure).is_over_at(structure.first)


def test_a_refused_answer_leaves_the_practice_as_it_was():
    structure = quiz_create().structure()
    started = rules.practice_start(structure)
    with pytest.raises(StageAnswersInvalid) as invalid:
        rules.practice_answer(started, "start", stage_data({}))
    assert invalid.value.errors
    assert started.path == ["start"] and started.answers == []


def test_a_changed_or_foreign_state_is_refused():
    structure = quiz_create().structure()
    with pytest.raises(rules.PracticeUnreadable, match="could not be read"):
        rules.practice_load(structure, "not-signed")
    elsewhere = signing.dumps({"path": ["start"], "answers": []}, salt="another.salt")
    with pytest.raises(rules.PracticeUnreadable):
        rules.practice_load(structure, elsewhere)
    gone = signing.dumps({"path": ["removed"], "answers": []}, salt=rules.SALT)
    with pytest.raises(rules.PracticeQuizChanged, match="has changed"):
        rules.practice_load(structure, gone)


def test_an_answer_to_another_stage_or_an_unknown_option_is_refused():
    structure = quiz_create().structure()
    started = rules.practice_start(structure)
    with pytest.raises(rules.PracticeTamperedAnswer, match="does not match"):
        rules.practice_answer(started, "drift", stage_data({"q-q-drift": "o-close"}))
    with pytest.raises(rules.PracticeTamperedAnswer):
        rules.practice_answer(
            started, "start", stage_data({"q-q-first": "o-forged", "q-q-worry": "2"})
        )
