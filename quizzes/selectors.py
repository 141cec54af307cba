"""Reads other parts of the site may use: has someone passed, and per-quiz aggregates."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, OuterRef, Q, Subquery

from .models import Attempt, AttemptPolicy, AttemptStatus


def _counting_attempts(user, quiz_ids: Iterable[int]):
    """Submitted attempts of ``user`` that count under each quiz's best/last policy and passed.

    "Best": a quiz is passed once any attempt passed. "Last": only the latest finished
    attempt counts.
    """
    latest = (
        Attempt.objects.filter(
            user=OuterRef("user"), quiz=OuterRef("quiz"), status=AttemptStatus.SUBMITTED
        )
        .order_by("-submitted_at", "-id")
        .values("id")[:1]
    )
    return Attempt.objects.filter(
        user=user, quiz_id__in=list(quiz_ids), status=AttemptStatus.SUBMITTED, passed=True
    ).filter(Q(quiz__attempt_policy=AttemptPolicy.BEST) | Q(id=Subquery(latest)))


def passed_quiz_ids(user, quiz_ids: Iterable[int]) -> set[int]:
    """Which of ``quiz_ids`` ``user`` has passed, in one query."""
    if not (user and user.is_authenticated):
        return set()
    ids = list(quiz_ids)
    if not ids:
        return set()
    return set(_counting_attempts(user, ids).values_list("quiz_id", flat=True).distinct())


def user_has_passed(user, quiz_page) -> bool:
    """Whether ``user`` has passed ``quiz_page`` under its best/last attempt policy."""
    return quiz_page.pk in passed_quiz_ids(user, [quiz_page.pk])


def counted_attempt(attempts: list[Attempt], policy: str) -> Attempt | None:
    """From one person's finished attempts at one quiz, the one that counts."""
    done = [a for a in attempts if a.status == AttemptStatus.SUBMITTED]
    if not done:
        return None
    if policy == AttemptPolicy.LAST:
        return max(done, key=lambda a: (a.submitted_at, a.id))
    return max(done, key=lambda a: (a.score or 0, -a.id))


def quiz_attempt_stats(quiz_ids: Iterable[int] | None = None) -> dict[int, dict]:
    """Per quiz: finished attempts, people, passes and pass rate (percentage), in one query."""
    qs = Attempt.objects.submitted()
    if quiz_ids is not None:
        qs = qs.filter(quiz_id__in=list(quiz_ids))
    rows = qs.values("quiz_id").annotate(
        attempts=Count("id"),
        learners=Count("user", distinct=True),
        passed=Count("id", filter=Q(passed=True)),
    )
    stats = {}
    for row in rows:
        rate = round(100 * row["passed"] / row["attempts"]) if row["attempts"] else None
        stats[row["quiz_id"]] = {
            "attempts": row["attempts"],
            "learners": row["learners"],
            "passed": row["passed"],
            "pass_rate": rate,
        }
    return stats


def pass_rates(quiz_ids: Iterable[int] | None = None) -> dict[int, int | None]:
    """Pass rate (percentage of finished attempts that passed) per quiz id."""
    return {qid: s["pass_rate"] for qid, s in quiz_attempt_stats(quiz_ids).items()}


def flagged_questions(quiz) -> list[dict]:
    """Questions in ``quiz`` whose item analysis suggests they need an author's attention."""
    from .analytics import quiz_analysis

    return [q for q in quiz_analysis(quiz)["questions"] if q["flags"]]


def user_attempts(user):
    """A learner's attempts, newest first, with the quiz page for links (one query)."""
    return Attempt.objects.filter(user=user).select_related("quiz").defer("structure")
