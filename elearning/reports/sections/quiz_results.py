"""Scenario quizzes: attempts, pass rates, and questions that item analysis flags."""

from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt
from quizzes.selectors import attempt_figures, flagged_items

from ..disclosure import Kind, min_people_for_rates
from ..filters import ReportFilters
from .base import (
    Column,
    Figure,
    Section,
    SectionResult,
    Table,
    bar_chart,
    by_agency,
    column_totals,
    count,
    in_period,
    label,
    percent,
    sector_and_agency_tables,
    sector_totals,
    share,
    with_agency_labels,
)

# Each quiz's most recently finished attempts in the period that item analysis looks at: far
# more than its statistics need to settle.
ITEM_ANALYSIS_ATTEMPTS = 1_000
ATTEMPT_COLUMNS = [
    count("people", _("People")),
    count("attempts", _("Finished attempts"), people="people"),
    count("passed", _("Passed"), people="people"),
    share("pass_rate", _("Pass rate (%)"), people="people"),
]


def _rate(row: dict) -> dict:
    return {**row, "pass_rate": percent(row["passed"], row["attempts"])}


class QuizResultsSection(Section):
    slug = "quizzes"
    order = 60
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
        sectors = [_rate(row) for row in sector_totals(agencies, ("people", "attempts", "passed"))]

        # Questions answered by fewer people than a share may be published for are left out:
        # their figures would be withheld anyway. Only each quiz's latest attempts are
        # analysed, so the cost stays the same as attempts pile up.
        flagged = [
            {**item, "flags": " ".join(str(flag) for flag in item["flags"])}
            for item in flagged_items(
                attempts,
                latest_per_quiz=ITEM_ANALYSIS_ATTEMPTS,
                min_people=min_people_for_rates(),
            )
        ]
        people = totals["people"]
        return SectionResult(
            figures=[
                Figure(_("People who finished a quiz"), people, Kind.COUNT),
                Figure(_("Finished attempts"), totals["attempts"], Kind.COUNT, people=people),
                Figure(_("Pass rate"), totals["pass_rate"], Kind.PERCENT, people=people),
                Figure(_("Questions flagged"), len(flagged)),
            ],
            tables=[
                Table(
                    id="attempts-by-quiz",
                    title=str(_("Attempts by quiz")),
                    columns=[label("quiz", _("Quiz")), *ATTEMPT_COLUMNS],
                    rows=quizzes,
                    chart=bar_chart(
                        _("Pass rate by quiz"),
                        _("Share of finished attempts that passed, per quiz."),
                        "quiz",
                        "pass_rate",
                    ),
                ),
                *sector_and_agency_tables(
                    ids=("attempts-by-sector", "attempts-by-agency"),
                    titles=(_("Attempts by sector"), _("Attempts by agency")),
                    columns=ATTEMPT_COLUMNS,
                    sectors=sectors,
                    agencies=agencies,
                ),
                Table(
                    id="flagged-questions",
                    title=str(_("Questions flagged by item analysis")),
                    columns=[
                        label("quiz", _("Quiz")),
                        label("stage", _("Stage")),
                        label("text", _("Question")),
                        count("responses", _("Answers"), people="people"),
                        share("facility", _("Answered correctly (%)"), people="people"),
                        Column("discrimination", _("Discrimination"), Kind.INDEX, "people"),
                        label("flags", _("Why it is flagged")),
                    ],
                    rows=flagged,
                ),
            ],
            notes=[
                str(
                    _(
                        "Item analysis as on each quiz's own analysis page: the share answering "
                        "correctly, and how much better the top 27%% of attempts did on the "
                        "question than the bottom 27%% (from -1 to 1), over each quiz's latest "
                        "1,000 attempts in the period. Questions answered by fewer than "
                        "%(min)s people are left out."
                    )
                    % {"min": min_people_for_rates()}
                )
            ],
        )


section = QuizResultsSection()
