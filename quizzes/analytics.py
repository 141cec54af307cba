"""Item analysis and summaries for authors and partnership staff.

Definitions follow the usual classical test theory ones (as in Moodle's quiz statistics):
- facility index: the percentage of answers to a question that were correct;
- discrimination index: correct rate among the top 27% of attempts by total score minus the
  correct rate among the bottom 27%, from -1 to 1 (only when enough people answered);
- option frequency: how often each option was chosen.
Because quizzes branch, each question is analysed over the attempts that reached it.
All finished attempts are included. Everything is computed from two queries.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.utils.translation import gettext as _

from .blocks import CHOICE_KINDS, QuestionKind
from .models import Answer, Attempt, AttemptStatus

MIN_FOR_DISCRIMINATION = 10
TOO_HARD = 20
TOO_EASY = 95
POOR_DISCRIMINATION = 0.2


def _flags(facility, discrimination) -> list[str]:
    flags = []
    if facility is not None and facility < TOO_HARD:
        flags.append(
            _(
                "Very few answer correctly: check the correct option is right and the wording "
                "is clear."
            )
        )
    if facility is not None and facility > TOO_EASY:
        flags.append(_("Almost everyone answers correctly: it may not test judgement."))
    if discrimination is not None and discrimination < 0:
        flags.append(
            _(
                "People who did worse overall answer this better than those who did well: check "
                "the key."
            )
        )
    elif discrimination is not None and discrimination < POOR_DISCRIMINATION:
        flags.append(_("Does not separate stronger from weaker attempts."))
    return flags


def quiz_analysis(quiz) -> dict:
    attempts = list(
        Attempt.objects.filter(quiz=quiz)
        .submitted()
        .values("id", "user_id", "score", "passed", "path", "ending_key")
    )
    answers = list(
        Answer.objects.filter(attempt__quiz=quiz, attempt__status=AttemptStatus.SUBMITTED)
        .order_by("attempt_id", "position")
        .values(
            "attempt_id",
            "stage_key",
            "stage_heading",
            "question_id",
            "question_kind",
            "question_text",
            "options_shown",
            "selected_option_ids",
            "is_correct",
            "worry",
        )
    )
    scores = {a["id"]: a["score"] or 0 for a in attempts}
    person = {a["id"]: a["user_id"] for a in attempts}
    total = len(attempts)
    passed = sum(1 for a in attempts if a["passed"])

    distribution = sorted(Counter(scores.values()).items())
    paths = Counter(" → ".join(a["path"]) for a in attempts).most_common()
    endings = Counter(a["ending_key"] for a in attempts).most_common()
    # The distinct people behind each figure, for publishing them (``published``).
    people = {
        "all": len(set(person.values())),
        "score": _people_by(attempts, lambda a: scores[a["id"]]),
        "path": _people_by(attempts, lambda a: " → ".join(a["path"])),
        "ending": _people_by(attempts, lambda a: a["ending_key"]),
    }

    by_question: dict[str, list[dict]] = defaultdict(list)
    order: list[str] = []
    for row in answers:
        if row["question_id"] not in by_question:
            order.append(row["question_id"])
        by_question[row["question_id"]].append(row)

    questions = []
    for qid in order:
        rows = by_question[qid]
        latest = rows[-1]
        kind = latest["question_kind"]
        item = {
            "id": qid,
            "stage": latest["stage_heading"],
            "stage_key": latest["stage_key"],
            "text": latest["question_text"],
            "kind": kind,
            "responses": len(rows),
            "people": len({person[r["attempt_id"]] for r in rows}),
            "facility": None,
            "discrimination": None,
            "options": [],
            "mean_worry": None,
            "flags": [],
        }
        if kind in CHOICE_KINDS:
            counts = Counter(oid for r in rows for oid in r["selected_option_ids"])
            labels: dict[str, str] = {}
            for r in rows:
                for opt in r["options_shown"]:
                    labels[opt["id"]] = opt["text"]
            item["options"] = [
                {
                    "id": oid,
                    "text": text,
                    "count": counts.get(oid, 0),
                    "people": len(
                        {person[r["attempt_id"]] for r in rows if oid in r["selected_option_ids"]}
                    ),
                    "percent": round(100 * counts.get(oid, 0) / len(rows)),
                    "share": 100 * counts.get(oid, 0) / len(rows),
                }
                for oid, text in labels.items()
            ]
            scored = [r for r in rows if r["is_correct"] is not None]
            if scored:
                item["facility_share"] = (
                    100 * sum(1 for r in scored if r["is_correct"]) / len(scored)
                )
                item["facility"] = round(item["facility_share"])
                if len(scored) >= MIN_FOR_DISCRIMINATION:
                    ranked = sorted(scored, key=lambda r: scores.get(r["attempt_id"], 0))
                    n = max(1, round(len(ranked) * 0.27))
                    low, high = ranked[:n], ranked[-n:]

                    def rate(group):
                        return sum(1 for r in group if r["is_correct"]) / len(group)

                    item["discrimination"] = round(rate(high) - rate(low), 2)
                item["flags"] = _flags(item["facility"], item["discrimination"])
        elif kind == QuestionKind.WORRY:
            values = [r["worry"] for r in rows if r["worry"] is not None]
            item["worry_mean"] = sum(values) / len(values) if values else None
            item["mean_worry"] = (
                round(item["worry_mean"], 1) if item["worry_mean"] is not None else None
            )
        questions.append(item)

    return {
        "attempts": total,
        "passed": passed,
        "pass_rate": round(100 * passed / total) if total else None,
        "distribution": distribution,
        "paths": paths,
        "endings": endings,
        "questions": questions,
        "people": people,
    }


def _people_by(attempts, key) -> dict:
    groups = defaultdict(set)
    for attempt in attempts:
        groups[key(attempt)].add(attempt["user_id"])
    return {value: len(users) for value, users in groups.items()}


def published(analysis: dict) -> dict:
    """The analysis as the analytics page and its CSV file show it: every figure about
    people through the reports' disclosure control (counts of 1 to 4 withheld, others rounded
    to 5; shares, averages and the discrimination index only where at least 20 people
    answered; a question's flags only where its figures are shown)."""
    from elearning.reports.disclosure import Kind, disclose, too_few_people

    people = analysis["people"]
    everyone = people["all"]
    total = analysis["attempts"]
    questions = []
    for q in analysis["questions"]:
        shown = not too_few_people(q["people"])
        questions.append(
            {
                **q,
                "responses": disclose(q["responses"], people=q["people"]),
                "facility": disclose(
                    q.get("facility_share"), kind=Kind.PERCENT, people=q["people"]
                ),
                "discrimination": disclose(
                    q["discrimination"], kind=Kind.INDEX, people=q["people"]
                ),
                "mean_worry": disclose(q.get("worry_mean"), kind=Kind.MEAN, people=q["people"]),
                "options": [
                    {
                        **option,
                        "count": disclose(option["count"], people=option["people"]),
                        "percent": disclose(option["share"], kind=Kind.PERCENT, people=q["people"]),
                    }
                    for option in q["options"]
                ],
                "flags": q["flags"] if shown else [],
            }
        )

    def counted(pairs, by):
        rows = [(key, disclose(count, people=people[by].get(key, 0))) for key, count in pairs]
        top = max((c for _k, c in rows if isinstance(c, int)), default=0)
        return [(key, count, count if isinstance(count, int) else 0) for key, count in rows], top

    distribution, peak = counted(analysis["distribution"], "score")
    paths, _peak = counted(analysis["paths"], "path")
    return {
        "attempts": disclose(total, people=everyone),
        "passed": disclose(analysis["passed"], people=everyone),
        "pass_rate": disclose(
            100 * analysis["passed"] / total if total else None,
            kind=Kind.PERCENT,
            people=everyone,
        ),
        "distribution": distribution,
        "peak": peak,
        "paths": paths,
        "questions": questions,
    }


def analysis_csv_rows(analysis: dict):
    """Rows for the CSV export of a ``published`` analysis: one per option (and one per
    unscored question), then the method note."""
    from elearning.reports.disclosure import csv_value, method_note

    yield [
        "stage",
        "question",
        "type",
        "responses",
        "facility index (%)",
        "discrimination index",
        "option",
        "times chosen",
        "chosen (%)",
        "mean worry",
        "flags",
    ]
    for q in analysis["questions"]:
        base = [
            q["stage"],
            q["text"],
            q["kind"],
            csv_value(q["responses"]),
            csv_value(q["facility"]),
            csv_value(q["discrimination"]),
        ]
        flags = " ".join(q["flags"])
        if q["options"]:
            for opt in q["options"]:
                yield [
                    *base,
                    opt["text"],
                    csv_value(opt["count"]),
                    csv_value(opt["percent"]),
                    "",
                    flags,
                ]
        else:
            yield [*base, "", "", "", csv_value(q["mean_worry"]), flags]
    yield []
    yield [method_note()]


def published_stats(stats: dict | None) -> dict:
    """A quiz's finished attempts, people and pass rate (``selectors.quiz_attempt_stats``)
    as the analytics list shows them, through the disclosure control."""
    from elearning.reports.disclosure import Kind, disclose

    stats = stats or {"attempts": 0, "learners": 0, "passed": 0}
    people = stats["learners"]
    attempts = stats["attempts"]
    return {
        "attempts": disclose(attempts, people=people),
        "learners": disclose(people),
        "pass_rate": disclose(
            100 * stats["passed"] / attempts if attempts else None,
            kind=Kind.PERCENT,
            people=people,
        ),
    }
