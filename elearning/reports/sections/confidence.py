"""Confidence before and after training, as learners rated it from 1 to 5."""

from django.utils.translation import gettext_lazy as _

from courses.forms import CONFIDENCE_CHOICES
from courses.models import Enrolment
from courses.selectors import confidence_distribution, confidence_figures

from ..charts import bar_chart
from ..filters import ReportFilters
from ..suppression import suppress_cells
from .base import (
    AGENCY_COLUMNS,
    NO_DATA,
    Section,
    SectionResult,
    Table,
    by_agency,
    chart_data,
    column_totals,
    headlines,
    in_period,
    mean,
    narrowed,
    percent_text,
    register_section,
    with_agency_labels,
)

SUM_KEYS = ("responses", "people", "before_total", "after_total", "rose")
MEAN_VALUES = {"people": ("responses", "before", "after", "change")}
MEAN_COLUMNS = [
    ("responses", _("Responses")),
    ("before", _("Mean before")),
    ("after", _("Mean after")),
    ("change", _("Mean change")),
]
CHANGE_LABELS = {
    "fell": _("Fell"),
    "same": _("No change"),
    "up_1": _("Rose by 1"),
    "up_2": _("Rose by 2"),
    "up_3_or_more": _("Rose by 3 or more"),
}


def _means(row: dict) -> dict:
    return {
        **row,
        "before": mean(row["before_total"], row["responses"]),
        "after": mean(row["after_total"], row["responses"]),
        "change": mean(row["after_total"] - row["before_total"], row["responses"]),
    }


class ConfidenceSection(Section):
    slug = "confidence"
    title = _("Confidence before and after training")
    summary = _(
        "How confident learners felt about recognising and responding to neglect, from 1 (not "
        "at all) to 5 (very), when they enrolled and when they evaluated a course in the "
        "period."
    )

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        enrolments = Enrolment.objects.filter(
            in_period("evaluated_at", filters), **filters.people_filter()
        )
        agencies = [
            _means(row) for row in with_agency_labels(confidence_figures(enrolments, by_agency()))
        ]
        totals = _means(column_totals(agencies, SUM_KEYS))
        agencies = suppress_cells(agencies, MEAN_VALUES)
        courses = [
            {**_means(row), "course": row["course__title"]}
            for row in confidence_figures(enrolments, ("course_id", "course__title"))
        ]
        courses.sort(key=lambda r: str(r["course"]))

        distribution = confidence_distribution(enrolments)
        labels = dict(CONFIDENCE_CHOICES)
        ratings = [{**row, "label": labels[row["rating"]]} for row in distribution["ratings"]]
        changes = [
            {**row, "label": CHANGE_LABELS[row["change"]]} for row in distribution["changes"]
        ]
        if narrowed(filters):
            # Narrowed to one agency or sector, every count of people is a small breakdown.
            courses = suppress_cells(courses, MEAN_VALUES)
            ratings = suppress_cells(
                ratings, {"before_people": ("before",), "after_people": ("after",)}
            )
            changes = suppress_cells(changes, {"people": ("responses",)})

        change = totals["change"]
        return SectionResult(
            figures=headlines(
                filters,
                totals["people"],
                [
                    (_("Responses"), totals["responses"]),
                    (_("Mean confidence before"), totals["before"] or NO_DATA),
                    (_("Mean confidence after"), totals["after"] or NO_DATA),
                    (_("Mean change"), NO_DATA if change is None else f"{change:+.1f}"),
                    (
                        _("Share whose confidence rose"),
                        percent_text(totals["rose"], totals["responses"]),
                    ),
                ],
            ),
            charts=[
                bar_chart(
                    id="confidence-change",
                    title=str(_("Change in confidence")),
                    caption=str(
                        _("Responses by how much confidence changed between the two ratings.")
                    ),
                    data=chart_data(changes, "label", "responses"),
                )
            ],
            tables=[
                Table(
                    id="confidence-change",
                    title=str(_("Change in confidence")),
                    columns=[("label", _("Change")), ("responses", _("Responses"))],
                    rows=changes,
                ),
                Table(
                    id="confidence-ratings",
                    title=str(_("Confidence ratings before and after")),
                    columns=[
                        ("label", _("Rating")),
                        ("before", _("Before")),
                        ("after", _("After")),
                    ],
                    rows=ratings,
                ),
                Table(
                    id="confidence-by-agency",
                    title=str(_("Confidence by agency")),
                    columns=[*AGENCY_COLUMNS, *MEAN_COLUMNS],
                    rows=agencies,
                ),
                Table(
                    id="confidence-by-course",
                    title=str(_("Confidence by course")),
                    columns=[("course", _("Course")), *MEAN_COLUMNS],
                    rows=courses,
                ),
            ],
            notes=[
                str(
                    _(
                        "Only learners who gave both ratings are counted. The change is the "
                        "mean of each learner's after rating minus their before rating."
                    )
                )
            ],
        )


register_section(ConfidenceSection())
