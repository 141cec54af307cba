"""Scenario quizzes: attempts, pass rates, and questions that item analysis flags."""

from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt
from quizzes.selectors import attempt_figures, flagged_items

from ..charts import bar_chart
from ..filters import ReportFilters
from ..suppression import THRESHOLD, suppress_cells
from .base import (
    AGENCY_COLUMNS,
    Section,
    SectionResult,
    Table,
    by_agency,
    chart_data,
    column_totals,
    headlines,
    in_period,
    narrowed,
    percent,
    percent_text,
    register_section,
    with_agency_labels,
)

# Each quiz's most recently finished attempts in the period that item analysis looks at: far
# more than its statistics need to settle.
ITEM_ANALYSIS_ATTEMPTS = 1_000
ATTEMPT_VALUES = {"people": ("attempts", "passed", "pass_rate")}
ATTEMPT_COLUMNS = [
    ("people", _("People")),
    ("attempts", _("Finished attempts")),
    ("passed", _("Passed")),
    ("pass_rate", _("Pass rate (%)")),
]


def _rate(row: dict) -> dict:
    return {**row, "pass_rate": percent(row["passed"], row["attempts"])}


class QuizResultsSection(Section):
    slug = "quizzes"
    title = _("Scenario quizzes")
    summary = _(
        "Quiz attempts finished in the period, pass rates, and questions whose answers "
        "suggest the author should look at them again."
    )

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        attempts = Attempt.objects.filter(
            in_period("submitted_at", filters), **filters.people_filter()
        )
        quizzes = [
            {**_rate(row), "quiz": row["quiz__title"]}
            for row in attempt_figures(attempts, ("quiz_id", "quiz__title"))
        ]
        quizzes.sort(key=lambda r: str(r["quiz"]))
        agencies = [
            _rate(row) for row in with_agency_labels(attempt_figures(attempts, by_agency()))
        ]
        totals = _rate(column_totals(agencies, ("people", "attempts", "passed")))
        agencies = suppress_cells(agencies, ATTEMPT_VALUES)
        if narrowed(filters):
            quizzes = suppress_cells(quizzes, ATTEMPT_VALUES)

        # Questions answered by fewer than 5 people are left out: their figures say little
        # and, for one agency, could show how named people answered. Only each quiz's latest
        # attempts are analysed, so the cost stays the same as attempts pile up.
        flagged = [
            {**item, "flags": " ".join(str(flag) for flag in item["flags"])}
            for item in flagged_items(
                attempts, latest_per_quiz=ITEM_ANALYSIS_ATTEMPTS, min_people=THRESHOLD
            )
        ]
        return SectionResult(
            figures=headlines(
                filters,
                totals["people"],
                [
                    (_("People who finished a quiz"), totals["people"]),
                    (_("Finished attempts"), totals["attempts"]),
                    (_("Pass rate"), percent_text(totals["passed"], totals["attempts"])),
                    (_("Questions flagged"), len(flagged)),
                ],
            ),
            charts=[
                bar_chart(
                    id="quizzes-pass-rate",
                    title=str(_("Pass rate by quiz")),
                    caption=str(_("Share of finished attempts that passed, per quiz.")),
                    data=chart_data(quizzes, "quiz", "pass_rate"),
                    unit="%",
                )
            ],
            tables=[
                Table(
                    id="attempts-by-quiz",
                    title=str(_("Attempts by quiz")),
                    columns=[("quiz", _("Quiz")), *ATTEMPT_COLUMNS],
                    rows=quizzes,
                ),
                Table(
                    id="attempts-by-agency",
                    title=str(_("Attempts by agency")),
                    columns=[*AGENCY_COLUMNS, *ATTEMPT_COLUMNS],
                    rows=agencies,
                ),
                Table(
                    id="flagged-questions",
                    title=str(_("Questions flagged by item analysis")),
                    columns=[
                        ("quiz", _("Quiz")),
                        ("stage", _("Stage")),
                        ("text", _("Question")),
                        ("responses", _("Answers")),
                        ("facility", _("Answered correctly (%)")),
                        ("discrimination", _("Discrimination")),
                        ("flags", _("Why it is flagged")),
                    ],
                    rows=flagged,
                ),
            ],
            notes=[
                str(
                    _(
                        "Item analysis as on each quiz's own analysis page: the share answering "
                        "correctly, and how much better the top 27% of attempts did on the "
                        "question than the bottom 27% (from -1 to 1, once 10 have answered), "
                        "over each quiz's latest 1,000 attempts in the period. Questions "
                        "answered by fewer than 5 people are left out."
                    )
                )
            ],
        )


register_section(QuizResultsSection())
