"""Business rules for taking a quiz: start (or resume), record a stage's answers, submit."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.core.refusals import Refusal

from . import engine
from .models import Answer, Attempt, AttemptGrant, AttemptStatus, QuizPage, QuizVersion


class QuizRefusal(Refusal):
    """Something the person asked of a quiz is not allowed; the message says why."""


class AttemptLimitReached(QuizRefusal):
    """The learner has used every attempt the quiz allows."""

    def __init__(self, message=None):
        super().__init__(message or _("You have used all your attempts at this quiz."))


class QuizArchived(QuizRefusal):
    """The quiz has been archived: learners keep their attempts but cannot start new ones."""

    def __init__(self, message=None):
        super().__init__(
            message or _("This quiz has been archived, so it cannot be started again.")
        )


class TamperedAnswer(QuizRefusal):
    """The request named a stage or option the learner was never shown. Refused with 400.
    ``reason`` says what was wrong, for the logs; the message is for the learner."""

    def __init__(self, reason: str = ""):
        super().__init__(_("The answer sent does not match this quiz. Nothing was saved."))
        self.reason = reason


class StageAnswersInvalid(QuizRefusal):
    """Answers are missing or out of range; carries (field id, message) pairs for the form."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__([message for _field, message in errors] or ["invalid answers"])
        self.errors = errors


def _attempts_allowed(*, user, quiz: QuizPage) -> int:
    # The quiz's limit plus any extra attempts partnership staff have given this person.
    return quiz.max_attempts + AttemptGrant.objects.filter(user=user, quiz=quiz).count()


def attempts_remaining(*, user, quiz: QuizPage) -> int | None:
    """How many more attempts ``user`` may finish; None when there is no limit. Extra
    attempts given by partnership staff (``AttemptGrant``) count."""
    if not quiz.max_attempts:
        return None
    used = Attempt.objects.filter(user=user, quiz=quiz).submitted().count()
    return max(_attempts_allowed(user=user, quiz=quiz) - used, 0)


@transaction.atomic
def attempt_grant(*, by, user, quiz: QuizPage, reason: str, now=None) -> AttemptGrant:
    """Partnership staff give ``user`` one more attempt at ``quiz`` after they have used all
    of theirs. Recorded with who gave it, when and why."""
    from .permissions import can_grant_attempts

    now = now or timezone.now()
    if not can_grant_attempts(by):
        raise QuizRefusal(_("Only partnership staff can give extra attempts."))
    if by.pk == user.pk:
        raise QuizRefusal(_("You cannot give yourself an extra attempt."))
    # Lock the learner's row, as attempt_start does, so the count below stays true.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    remaining = attempts_remaining(user=user, quiz=quiz)
    if remaining is None:
        raise QuizRefusal(_("This quiz has no attempt limit, so no extra attempt is needed."))
    if remaining > 0:
        raise QuizRefusal(_("%(name)s still has attempts left at this quiz.") % {"name": user})
    grant = AttemptGrant(
        quiz=quiz,
        user=user,
        granted_by=by,
        granted_by_name=by.get_full_name() or by.email,
        reason=reason.strip(),
        granted_at=now,
    )
    try:
        grant.full_clean()
    except ValidationError as error:
        raise QuizRefusal(error.messages) from error
    grant.save()
    return grant


@transaction.atomic
def attempt_start(*, user, quiz: QuizPage) -> Attempt:
    """Start a new attempt, or return the learner's unfinished one so they carry on.

    The attempt points at the quiz's current version (stored once, shared by everyone who
    starts it), so later edits, which make a new version, never change it.
    """
    # Lock the person's row so two quick clicks on "Start" cannot both create an attempt.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    open_attempt = (
        Attempt.objects.filter(user=user, quiz=quiz).in_progress().select_related("version").first()
    )
    if open_attempt:
        return open_attempt
    if quiz.archived:
        raise QuizArchived
    used = Attempt.objects.filter(user=user, quiz=quiz).count()
    submitted = Attempt.objects.filter(user=user, quiz=quiz).submitted().count()
    if quiz.max_attempts and submitted >= _attempts_allowed(user=user, quiz=quiz):
        raise AttemptLimitReached
    structure = quiz.structure()
    first = structure.first
    version = QuizVersion.objects.for_structure(quiz, structure.to_json())
    attempt = Attempt(
        user=user,
        quiz=quiz,
        agency_id=user.agency_id,
        number=used + 1,
        quiz_title=quiz.title,
        version=version,
        scoring_mode=quiz.scoring_mode,
        pass_mark=quiz.pass_mark,
        review=quiz.review,
        current_stage=first.key if first else "",
        path=[first.key] if first else [],
    )
    attempt.full_clean()
    attempt.save()
    return attempt


def _answer_rows(attempt: Attempt, stage: engine.Stage, answers: dict[str, dict], start: int):
    for offset, question in enumerate(stage.questions):
        given = answers.get(question.id, {})
        chosen = given.get("options", [])
        points, correct = engine.question_score(question, chosen)
        yield Answer(
            attempt=attempt,
            stage_key=stage.key,
            stage_heading=stage.heading,
            position=start + offset,
            question_id=question.id,
            question_kind=question.kind,
            question_text=question.text,
            options_shown=[{"id": o.id, "text": o.text} for o in question.options],
            selected_option_ids=chosen,
            selected_texts=[question.option(i).text for i in chosen],
            worry=given.get("worry"),
            text=given.get("text", ""),
            points=points,
            is_correct=correct,
        )


# Checked when the attempt starts and never changed after; the version cannot be deleted while
# an attempt points at it, so checking it exists on every step is wasted work.
UNCHANGING = ["version"]


# What a step along the path changes on the attempt.
STEP_FIELDS = ["current_stage", "path"]


def _all_fields_but(names: list[str]) -> list[str]:
    return [f.name for f in Attempt._meta.concrete_fields if f.name not in names]


def _locked(attempt: Attempt) -> Attempt:
    """The attempt read again and locked, with its quiz version. Only the attempt's row is
    locked: the version is shared by everyone taking the quiz."""
    return (
        Attempt.objects.select_for_update(of=("self",)).select_related("version").get(pk=attempt.pk)
    )


@transaction.atomic
def answer_record(*, attempt: Attempt, stage_key: str, data) -> Attempt:
    """Record the answers to the attempt's current stage and move on along the path.

    ``data`` is the submitted form (a QueryDict or anything with ``get``/``getlist``).
    Sending the answers to a stage that was already answered (double click, back button,
    replay) changes nothing and returns the attempt as it is. A stage or option the learner
    was never offered raises TamperedAnswer; missing answers raise StageAnswersInvalid. In
    both cases nothing is stored.
    """
    attempt = _locked(attempt)
    if attempt.is_submitted or (stage_key in attempt.path and stage_key != attempt.current_stage):
        return attempt
    if stage_key != attempt.current_stage:
        raise TamperedAnswer(f"stage {stage_key!r} is not on this attempt's path")
    structure = attempt.get_structure()
    stage = structure.stage(stage_key)
    if stage is None:
        raise TamperedAnswer(f"stage {stage_key!r} is not in this quiz")
    answers, errors, tampered = engine.parse_stage_post(stage, data)
    if tampered:
        raise TamperedAnswer(f"unknown option in stage {stage_key!r}")
    if errors:
        raise StageAnswersInvalid(errors)

    start = attempt.answers.count()
    rows = list(_answer_rows(attempt, stage, answers, start))
    for row in rows:
        # The attempt is locked above, so checking it exists again per row is wasted work; the
        # database enforces "one answer per question" (see the IntegrityError below).
        row.full_clean(exclude=["attempt"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            Answer.objects.bulk_create(rows)
    except IntegrityError:
        # Another request recorded this stage a moment ago: theirs stands.
        return Attempt.objects.select_related("version").get(pk=attempt.pk)

    chosen = {qid: a.get("options", []) for qid, a in answers.items()}
    next_key = structure.next_key(stage, chosen)
    if next_key:
        attempt.current_stage = next_key
        attempt.path = [*attempt.path, next_key]
        # Only the stage and path change on a step: checking the person, quiz, agency and
        # the attempt-number constraints again on every answer costs four queries and finds
        # nothing new (the attempt was checked when it started and is locked above).
        attempt.full_clean(exclude=_all_fields_but(STEP_FIELDS))
        attempt.save(update_fields=[*STEP_FIELDS, "updated_at"])
        next_stage = structure.stage(next_key)
        if next_stage.is_ending and not next_stage.questions:
            # An ending with nothing to answer finishes the attempt straight away.
            return attempt_submit(attempt=attempt)
        return attempt
    return attempt_submit(attempt=attempt)


@transaction.atomic
def attempt_submit(*, attempt: Attempt) -> Attempt:
    """Finish the attempt: work out the score and whether it passed. Safe to call twice."""
    attempt = _locked(attempt)
    if attempt.is_submitted:
        return attempt
    structure = attempt.get_structure()
    current = structure.stage(attempt.current_stage)
    if current is None or not current.is_ending:
        raise QuizRefusal(_("This attempt has not reached an ending yet."))
    points = list(attempt.answers.values_list("points", flat=True))
    if current.questions and not attempt.answers.filter(stage_key=current.key).exists():
        raise QuizRefusal(_("Answer the questions in this stage first."))
    ending = current
    attempt.score = engine.total_score(
        scoring_mode=attempt.scoring_mode, answer_points=points, ending=ending
    )
    attempt.passed = attempt.score >= attempt.pass_mark
    attempt.ending_key = current.key
    attempt.status = AttemptStatus.SUBMITTED
    attempt.current_stage = ""
    attempt.submitted_at = timezone.now()
    attempt.full_clean(exclude=UNCHANGING)
    attempt.save()
    return attempt
