"""Taking a quiz through the services: scoring, branching, idempotency and refusals."""

import pytest
from django.core.exceptions import ValidationError

from quizzes import services
from quizzes.models import Answer, Attempt, AttemptStatus, QuizPage
from tests.quizzes.factories import (
    GOOD_PATH,
    POOR_PATH,
    attempt_complete,
    branching_stages,
    quiz_create,
    stage_data,
)

pytestmark = pytest.mark.django_db


def test_good_path_scores_along_the_path_and_passes(practitioner):
    quiz = quiz_create()
    attempt = attempt_complete(practitioner, quiz)
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.path == ["start", "check-in", "good-end"]
    # 2 (first choice) + 1 + 1 (two right indicators) + 1 (ending)
    assert attempt.score == 5
    assert attempt.passed is True
    assert attempt.ending_key == "good-end"


def test_poor_path_branches_and_fails(practitioner):
    quiz = quiz_create()
    attempt = attempt_complete(practitioner, quiz, POOR_PATH)
    assert attempt.path == ["start", "drift", "poor-end"]
    assert attempt.score == 0
    assert attempt.passed is False


def test_scoring_per_ending_uses_only_the_ending(practitioner):
    quiz = quiz_create(scoring_mode="ending", pass_mark=1)
    attempt = attempt_complete(practitioner, quiz)
    assert attempt.score == 1
    assert attempt.passed


def test_multiple_response_negative_points_never_go_below_zero(practitioner):
    quiz = quiz_create()
    path = [GOOD_PATH[0], ("check-in", {"q-q-signs": ["o-uniform"]})]
    attempt = attempt_complete(practitioner, quiz, path)
    signs = attempt.answers.get(question_id="q-signs")
    assert signs.points == 0
    assert signs.is_correct is False


def test_worry_and_reason_are_kept_but_not_scored(practitioner):
    quiz = quiz_create()
    attempt = attempt_complete(practitioner, quiz)
    worry = attempt.answers.get(question_id="q-worry")
    why = attempt.answers.get(question_id="q-why")
    assert (worry.worry, worry.points, worry.is_correct) == (7, 0, None)
    assert (why.text, why.points, why.is_correct) == ("The child looks tired.", 0, None)


def test_answers_keep_the_text_as_shown_after_the_quiz_is_edited(practitioner):
    quiz = quiz_create()
    attempt = attempt_complete(practitioner, quiz)
    stages = branching_stages()
    first_q = stages[0]["value"]["questions"][0]["value"]
    first_q["text"] = "A completely different question"
    first_q["options"][0]["value"]["text"] = "Different option"
    quiz.stages = stages
    quiz.save_revision().publish()
    answer = Answer.objects.get(attempt=attempt, question_id="q-first")
    assert answer.question_text == "What do you do first?"
    assert answer.selected_texts == ["Talk to the child and record what you see"]
    assert {
        "id": "o-act",
        "text": "Talk to the child and record what you see",
    } in answer.options_shown
    attempt.refresh_from_db()
    assert attempt.get_structure().stage("start").questions[0].text == "What do you do first?"


def test_an_attempt_in_progress_keeps_its_copy_of_the_quiz(practitioner):
    quiz = quiz_create()
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    stages = branching_stages()
    stages[0]["value"]["questions"][0]["value"]["options"][0]["value"]["score"] = 50
    quiz.stages = stages
    quiz.save_revision().publish()
    for key, fields in GOOD_PATH:
        attempt = services.answer_record(attempt=attempt, stage_key=key, data=stage_data(fields))
    assert attempt.score == 5


def test_start_twice_resumes_the_open_attempt(practitioner):
    quiz = quiz_create()
    first = services.attempt_start(user=practitioner, quiz=quiz)
    services.answer_record(attempt=first, stage_key="start", data=stage_data(GOOD_PATH[0][1]))
    again = services.attempt_start(user=practitioner, quiz=quiz)
    assert again.pk == first.pk
    assert again.current_stage == "check-in"
    assert Attempt.objects.count() == 1


def test_same_answers_twice_are_recorded_once(practitioner):
    quiz = quiz_create()
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    data = stage_data(GOOD_PATH[0][1])
    services.answer_record(attempt=attempt, stage_key="start", data=data)
    # Back button / replay of the first stage, even with a different choice, changes nothing.
    other = stage_data(POOR_PATH[0][1])
    attempt = services.answer_record(attempt=attempt, stage_key="start", data=other)
    assert attempt.path == ["start", "check-in"]
    assert Answer.objects.filter(attempt=attempt).count() == 3
    assert Answer.objects.get(question_id="q-first").selected_option_ids == ["o-act"]


def test_replaying_the_last_stage_after_submission_changes_nothing(practitioner):
    quiz = quiz_create()
    attempt = attempt_complete(practitioner, quiz)
    before = (attempt.score, attempt.submitted_at, Answer.objects.count())
    again = services.answer_record(
        attempt=attempt, stage_key="check-in", data=stage_data({"q-q-signs": ["o-uniform"]})
    )
    assert (again.score, again.submitted_at, Answer.objects.count()) == before
    assert services.attempt_submit(attempt=again).submitted_at == before[1]


@pytest.mark.parametrize(
    "stage_key, fields",
    [
        ("start", {"q-q-first": "o-not-offered", "q-q-worry": "3"}),
        ("start", {"q-q-first": ["o-act", "o-wait"], "q-q-worry": "3"}),
        ("start", {"q-q-first": "o-act", "q-q-worry": "lots"}),
        ("start", {"q-q-first": "o-teeth", "q-q-worry": "3"}),
        ("good-end", {}),
        ("drift", {"q-q-drift": "o-close"}),
        ("made-up", {}),
    ],
)
def test_tampered_stage_or_option_is_refused_and_nothing_changes(practitioner, stage_key, fields):
    quiz = quiz_create()
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    with pytest.raises(services.TamperedAnswer):
        services.answer_record(attempt=attempt, stage_key=stage_key, data=stage_data(fields))
    attempt.refresh_from_db()
    assert attempt.path == ["start"]
    assert attempt.current_stage == "start"
    assert not Answer.objects.exists()


def test_missing_answers_are_reported_and_nothing_is_stored(practitioner):
    quiz = quiz_create()
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    with pytest.raises(services.StageAnswersInvalid) as info:
        services.answer_record(
            attempt=attempt, stage_key="start", data=stage_data({"q-q-worry": "11"})
        )
    messages = dict(info.value.errors)
    assert messages["q-q-first"] == "Select an answer"
    assert messages["q-q-worry"] == "Choose a number from 0 to 10"
    assert not Answer.objects.exists()


def test_attempt_limit_is_enforced(practitioner):
    quiz = quiz_create(max_attempts=2)
    attempt_complete(practitioner, quiz)
    assert services.attempts_remaining(user=practitioner, quiz=quiz) == 1
    second = attempt_complete(practitioner, quiz, POOR_PATH)
    assert second.number == 2
    with pytest.raises(services.AttemptLimitReached):
        services.attempt_start(user=practitioner, quiz=quiz)
    assert Attempt.objects.count() == 2


def test_submitting_before_an_ending_is_refused(practitioner):
    quiz = quiz_create()
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    with pytest.raises(ValidationError):
        services.attempt_submit(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_an_ending_with_questions_is_answered_before_finishing(practitioner):
    from tests.quizzes.factories import choice, option, stage

    stages = [
        stage(
            "only",
            "The end",
            [choice("q", "Last?", [option("y", "Yes", correct=True, score=3), option("n", "No")])],
            ending=True,
            score=1,
        ),
    ]
    quiz = quiz_create(stages, pass_mark=4)
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    assert attempt.status == AttemptStatus.IN_PROGRESS
    attempt = services.answer_record(
        attempt=attempt, stage_key="only", data=stage_data({"q-q": "y"})
    )
    assert (attempt.status, attempt.score, attempt.passed) == (AttemptStatus.SUBMITTED, 4, True)
    assert QuizPage.objects.count() == 1
