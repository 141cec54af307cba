"""Reads other parts of the site may use: has someone passed, and per-quiz aggregates."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connections
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from .blocks import CHOICE_KINDS
from .models import Answer, Attempt, AttemptPolicy, AttemptStatus


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
    qs = Attempt.objects.all()
    if quiz_ids is not None:
        qs = qs.filter(quiz_id__in=list(quiz_ids))
    stats = {}
    for row in attempt_figures(qs, ("quiz_id",)):
        rate = round(100 * row["passed"] / row["attempts"]) if row["attempts"] else None
        stats[row["quiz_id"]] = {
            "attempts": row["attempts"],
            "learners": row["people"],
            "passed": row["passed"],
            "pass_rate": rate,
        }
    return stats


def attempt_figures(attempts, by) -> list[dict]:
    """Per group of the ``by`` fields: finished attempts, distinct people and passes."""
    return list(
        attempts.submitted()
        .values(*by)
        .annotate(
            attempts=Count("id"),
            people=Count("user", distinct=True),
            passed=Count("id", filter=Q(passed=True)),
        )
        .order_by(*by)
    )


def pass_rates(quiz_ids: Iterable[int] | None = None) -> dict[int, int | None]:
    """Pass rate (percentage of finished attempts that passed) per quiz id."""
    return {qid: s["pass_rate"] for qid, s in quiz_attempt_stats(quiz_ids).items()}


def flagged_questions(quiz) -> list[dict]:
    """Questions in ``quiz`` whose item analysis suggests they need an author's attention."""
    from .analytics import quiz_analysis

    return [q for q in quiz_analysis(quiz)["questions"] if q["flags"]]


# The share of answers at each end of the ranking that item analysis compares, as in
# ``analytics.quiz_analysis``.
GROUP_SHARE = 0.27


# Django cannot group the results of window functions, so the ranked answers (an ORM query)
# are counted by this plain SQL around them, in the same single query. Rank r (from 1) is in
# the first round(size * 0.27) exactly as Python's round() works it out on the same
# floating-point product, halves going to the even number: when r - 0.5 < size * 0.27, or
# equals it and r is even.
_ITEM_COUNTS_SQL = """
SELECT quiz, question_id, COUNT(*), COUNT(DISTINCT person),
       SUM(CASE WHEN is_correct THEN 1 ELSE 0 END),
       SUM(CASE WHEN is_correct AND (up_edge < share OR (up_edge = share AND up %% 2 = 0))
           THEN 1 ELSE 0 END),
       SUM(CASE WHEN is_correct AND (down_edge < share OR (down_edge = share AND down %% 2 = 0))
           THEN 1 ELSE 0 END),
       MIN(id), MAX(id)
FROM ({ranked}) ranked
GROUP BY quiz, question_id
HAVING COUNT(DISTINCT person) >= %s
"""


def item_statistics(
    attempts, *, latest_per_quiz: int | None = None, min_people: int = 1
) -> list[dict]:
    """Item analysis of the scored questions in ``attempts``, for every quiz at once.

    Same definitions as the per-quiz analysis (``analytics``): the facility index over scored
    answers of finished attempts, and the discrimination index between the top and bottom 27%
    of a question's answers ranked by the attempt's total score (once enough people answered),
    with the same flags. The database ranks and counts in one query (two when something is
    found: the latest wording) however many quizzes there are; the per-quiz analysis, which
    reads every answer, stays for one quiz's own page.

    ``latest_per_quiz`` bounds the work: only each quiz's most recently finished attempts are
    analysed, which is plenty for the statistics and keeps the cost the same however many
    attempts pile up. Questions answered by fewer than ``min_people`` people are left out.
    """
    from .analytics import MIN_FOR_DISCRIMINATION, _flags

    attempts = attempts.submitted()
    if latest_per_quiz is not None:
        newest_first = [F("submitted_at").desc(), F("pk").desc()]
        attempts = attempts.annotate(
            recency=Window(RowNumber(), partition_by=[F("quiz_id")], order_by=newest_first)
        ).filter(recency__lte=latest_per_quiz)
    answers = Answer.objects.filter(attempt__in=attempts.values("pk"))
    question = [F("attempt__quiz_id"), F("question_id")]
    # Ties are broken the way the per-quiz analysis's stable sort leaves them: by attempt,
    # then by position (an attempt answers a question once), so the order is total.
    score = Coalesce("attempt__score", 0)
    size = Window(Count("pk"), partition_by=question)
    up = Window(
        RowNumber(), partition_by=question, order_by=[score.asc(), "attempt_id", "position"]
    )
    # Counting from the top is size + 1 - up, so one sort serves both ends.
    down = size + Value(1) - up
    ranked = (
        answers.filter(question_kind__in=CHOICE_KINDS, is_correct__isnull=False)
        .annotate(
            quiz=F("attempt__quiz_id"),
            person=F("attempt__user_id"),
            up=up,
            down=down,
            up_edge=ExpressionWrapper(up - Value(0.5), output_field=FloatField()),
            down_edge=ExpressionWrapper(down - Value(0.5), output_field=FloatField()),
            share=ExpressionWrapper(size * Value(GROUP_SHARE), output_field=FloatField()),
        )
        .order_by()
        .values(
            "id",
            "quiz",
            "question_id",
            "person",
            "is_correct",
            "up",
            "down",
            "up_edge",
            "down_edge",
            "share",
        )
    )
    sql, params = ranked.query.sql_with_params()
    with connections[ranked.db].cursor() as cursor:
        cursor.execute(_ITEM_COUNTS_SQL.format(ranked=sql), [*params, min_people])
        rows = cursor.fetchall()
    if not rows:
        return []
    # The wording, stage and quiz title as last shown (an editor may have changed them).
    wording = {
        row["id"]: row
        for row in Answer.objects.filter(pk__in=[row[-1] for row in rows]).values(
            "id", "question_text", "stage_heading", "attempt__quiz__title"
        )
    }
    items = []
    for quiz_id, question_id, responses, people, correct, low, high, first, last in rows:
        facility = round(100 * correct / responses)
        discrimination = None
        if responses >= MIN_FOR_DISCRIMINATION:
            size = max(1, round(responses * GROUP_SHARE))
            discrimination = round(high / size - low / size, 2)
        shown = wording[last]
        items.append(
            {
                "quiz_id": quiz_id,
                "quiz": shown["attempt__quiz__title"],
                "question_id": question_id,
                "stage": shown["stage_heading"],
                "text": shown["question_text"],
                "responses": responses,
                "people": people,
                "facility": facility,
                "discrimination": discrimination,
                "flags": _flags(facility, discrimination),
                "first": first,
            }
        )
    return sorted(items, key=lambda item: (item["quiz"], item["quiz_id"], item["first"]))


def flagged_items(attempts, **options) -> list[dict]:
    """The questions of ``item_statistics`` that need an author's attention."""
    return [item for item in item_statistics(attempts, **options) if item["flags"]]


def user_attempts(user):
    """A learner's attempts, newest first, with the quiz page for links (one query)."""
    return Attempt.objects.filter(user=user).select_related("quiz")


def learners_out_of_attempts(quiz_ids: Iterable[int] | None = None) -> list[dict]:
    """People who have used every attempt a quiz allows (extra attempts included) without
    passing it: the list partnership staff give extra attempts from. Three queries."""
    from django.contrib.auth import get_user_model

    from .models import AttemptGrant, QuizPage

    quizzes = QuizPage.objects.filter(max_attempts__gt=0)
    if quiz_ids is not None:
        quizzes = quizzes.filter(pk__in=list(quiz_ids))
    limits = dict(quizzes.values_list("pk", "max_attempts"))
    used = (
        Attempt.objects.filter(quiz_id__in=list(limits), status=AttemptStatus.SUBMITTED)
        .values("user_id", "quiz_id")
        .annotate(used=Count("id"), passes=Count("id", filter=Q(passed=True)))
    )
    grants = {
        (row["user_id"], row["quiz_id"]): row["n"]
        for row in AttemptGrant.objects.filter(quiz_id__in=list(limits))
        .values("user_id", "quiz_id")
        .annotate(n=Count("id"))
    }
    stuck = [
        (row["user_id"], row["quiz_id"], row["used"])
        for row in used
        if not row["passes"]
        and row["used"] >= limits[row["quiz_id"]] + grants.get((row["user_id"], row["quiz_id"]), 0)
    ]
    users = get_user_model().objects.in_bulk({u for u, _q, _n in stuck})
    titles = dict(
        QuizPage.objects.filter(pk__in={q for _u, q, _n in stuck}).values_list("pk", "title")
    )
    return sorted(
        ({"user": users[u], "quiz_id": q, "quiz_title": titles[q], "used": n} for u, q, n in stuck),
        key=lambda r: (r["quiz_title"], str(r["user"])),
    )
