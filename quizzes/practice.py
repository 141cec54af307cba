"""The rules of practice mode: a quiz tried without signing in, nothing stored.

The whole state (the path taken and the answers given) travels signed in the form, so the
server keeps nothing. These functions read that state, say what comes next, whether the
practice has ended and how it scored; the view only reads the request and renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core import signing
from django.utils.translation import gettext_lazy as _

from . import engine
from .models import ReviewOption
from .services import QuizRefusal, StageAnswersInvalid

SALT = "quizzes.practice"
# A practice left open longer than this is started again.
MAX_AGE = 60 * 60 * 12


class PracticeUnreadable(QuizRefusal):
    """The signed state was changed, is too old or is not ours."""

    def __init__(self):
        super().__init__(_("Your practice could not be read. Start again."))


class PracticeQuizChanged(QuizRefusal):
    """The stage the practice had reached is no longer in the quiz."""

    def __init__(self):
        super().__init__(_("The quiz has changed since you started. Start again."))


class PracticeTamperedAnswer(QuizRefusal):
    """The answer named a stage or option the learner was not shown."""

    def __init__(self):
        super().__init__(_("The answer sent does not match this quiz."))


class PracticeAnswer:
    """Looks enough like an Answer for the review template, without touching the database."""

    def __init__(self, stage: engine.Stage, question: engine.Question, given: dict):
        self.stage_key = stage.key
        self.stage_heading = stage.heading
        self.question_id = question.id
        self.question_kind = question.kind
        self.question_text = question.text
        self.options_shown = [{"id": o.id, "text": o.text} for o in question.options]
        self.selected_option_ids = given.get("options", [])
        self.worry = given.get("worry")
        self.text = given.get("text", "")


@dataclass
class Practice:
    """Where a practice has got to: the stage now shown and the state behind it."""

    structure: engine.Structure
    path: list[str]
    answers: list[dict]
    signed: str = ""

    @property
    def current(self) -> engine.Stage | None:
        return self.structure.stage(self.path[-1]) if self.path else None

    @property
    def step(self) -> int:
        return len(self.path)

    def sign(self) -> str:
        return signing.dumps({"path": self.path, "answers": self.answers}, salt=SALT, compress=True)

    def is_over_at(self, stage: engine.Stage) -> bool:
        """Whether showing ``stage`` means showing the result: an ending with nothing to
        answer, or an ending already answered."""
        answered = {a["stage"] for a in self.answers}
        return stage.is_ending and (not stage.questions or stage.key in answered)


@dataclass
class Step:
    """What answering a stage did: the answers given, where the practice goes next."""

    practice: Practice
    answered: engine.Stage
    answers: dict[str, dict]
    next_stage: engine.Stage | None
    finished: bool
    signed: str = field(default="")

    def feedback(self, review: str) -> list[PracticeAnswer] | None:
        """The answers to show feedback on straight away, or None when the quiz does not
        give feedback after each stage (or the stage had no choices)."""
        if review != ReviewOption.IMMEDIATELY or not any(
            q.is_choice for q in self.answered.questions
        ):
            return None
        return [
            PracticeAnswer(self.answered, self.answered.question(q), a)
            for q, a in self.answers.items()
        ]


def practice_start(structure: engine.Structure) -> Practice:
    """A new practice at the quiz's first stage."""
    practice = Practice(structure=structure, path=[structure.first.key], answers=[])
    practice.signed = practice.sign()
    return practice


def practice_load(structure: engine.Structure, signed: str) -> Practice:
    """The practice ``signed`` carries. Refuses a state that was changed or is too old
    (``PracticeUnreadable``) and one whose stage has left the quiz (``PracticeQuizChanged``)."""
    try:
        state = signing.loads(signed, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as error:
        raise PracticeUnreadable from error
    practice = Practice(
        structure=structure,
        path=list(state.get("path") or []),
        answers=list(state.get("answers") or []),
        signed=signed,
    )
    if practice.current is None:
        raise PracticeQuizChanged
    return practice


def practice_answer(practice: Practice, stage_key: str, data) -> Step:
    """Record the answers to the current stage and move on. Refuses answers to another stage
    or naming options never shown (``PracticeTamperedAnswer``) and missing answers
    (``StageAnswersInvalid``); a refused answer leaves the practice as it was."""
    current = practice.current
    if stage_key != current.key:
        raise PracticeTamperedAnswer
    answers, errors, tampered = engine.parse_stage_post(current, data)
    if tampered:
        raise PracticeTamperedAnswer
    if errors:
        raise StageAnswersInvalid(errors)
    structure = practice.structure
    moved = Practice(
        structure=structure,
        path=list(practice.path),
        answers=[
            *practice.answers,
            *({"stage": current.key, "question": qid, **given} for qid, given in answers.items()),
        ],
    )
    next_key = structure.next_key(current, {q: a.get("options", []) for q, a in answers.items()})
    next_stage = None
    finished = not next_key
    if next_key:
        moved.path.append(next_key)
        next_stage = structure.stage(next_key)
        finished = next_stage.is_ending and not next_stage.questions
    moved.signed = moved.sign()
    return Step(
        practice=moved,
        answered=current,
        answers=answers,
        next_stage=next_stage,
        finished=finished,
        signed=moved.signed,
    )


@dataclass
class PracticeResult:
    path: list[engine.Stage]
    ending: engine.Stage | None
    score: int
    passed: bool
    show_review: bool
    review_hidden_until_pass: bool
    answers: list[PracticeAnswer]


def practice_result(practice: Practice, *, scoring_mode: str, pass_mark: int, review: str):
    """How the practice scored, worked out as an attempt would be, with the answers to review
    when the quiz shows them."""
    structure = practice.structure
    answers = []
    points = []
    for given in practice.answers:
        stage = structure.stage(given["stage"])
        question = stage.question(given["question"]) if stage else None
        if question is None:
            continue
        points.append(engine.question_score(question, given.get("options", []))[0])
        answers.append(PracticeAnswer(stage, question, given))
    ending = structure.stage(practice.path[-1])
    score = engine.total_score(scoring_mode=scoring_mode, answer_points=points, ending=ending)
    passed = score >= pass_mark
    show_review = review == ReviewOption.IMMEDIATELY or (
        review == ReviewOption.AFTER_PASSING and passed
    )
    return PracticeResult(
        path=[structure.stage(k) for k in practice.path if structure.stage(k)],
        ending=ending,
        score=score,
        passed=passed,
        show_review=show_review,
        review_hidden_until_pass=review == ReviewOption.AFTER_PASSING and not passed,
        answers=answers if show_review else [],
    )
