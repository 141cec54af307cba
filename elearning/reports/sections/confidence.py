"""Confidence before and after training, as learners rated it from 1 to 5."""

from django.utils.translation import gettext_lazy as _

from courses.constants import CONFIDENCE_CHOICES
from courses.models import Enrolment
from courses.selectors import confidence_distribution, confidence_figures

from ..disclosure import Kind
from ..filters import ReportFilters
from .base import (
    Figure,
    Section,
    SectionResult,
    Table,
    agency_and_course_tables,
    average,
    bar_chart,
    by_agency,
    column_totals,
    count,
    in_period,
    label,
    mean,
    percent,
    with_agency_labels,
)

SUM_KEYS = ("responses", "people", "before_total", "after_total", "rose")
MEAN_COLUMNS = [
    count("responses", _("Responses"), people="people"),
    average("before", _("Mean before"), people="people"),
    average("after", _("Mean after"), people="people"),
    average("change", _("Mean change"), people="people", kind=Kind.CHANGE),
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
    order = 40
    title = _("Confidence before and after training")
    summary = _(
        "How confident learners felt about recognising and responding to neglect, from 1 (not "
        "at all) to 5 (very), when they enrolled and when they evaluated a course in the "
        "period."
    )
    by_course = True

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        enrolments = Enrolment.objects.filter(
            in_period("evaluated_at", filters),
            **filters.people_filter(),
            **filters.course_filter(),
        )
        agencies = [
            _means(row) for row in with_agency_labels(confidence_figures(enrolments, by_agency()))
        ]
        totals = _means(column_totals(agencies, SUM_KEYS))
        courses = [
            {**_means(row), "course": row["course__title"], "_course": row["course_id"]}
            for row in confidence_figures(enrolments, ("course_id", "course__title"))
        ]
        courses.sort(key=lambda r: str(r["course"]))

        distribution = confidence_distribution(enrolments)
        labels = dict(CONFIDENCE_CHOICES)
        ratings = [{**row, "label": labels[row["rating"]]} for row in distribution["ratings"]]
        changes = [
            {**row, "label": CHANGE_LABELS[row["change"]]} for row in distribution["changes"]
        ]
        people = totals["people"]
        return SectionResult(
            figures=[
                Figure(_("Responses"), totals["responses"], Kind.COUNT, people=people),
                Figure(_("Mean confidence before"), totals["before"], Kind.MEAN, people=people),
                Figure(_("Mean confidence after"), totals["after"], Kind.MEAN, people=people),
                Figure(_("Mean change"), totals["change"], Kind.CHANGE, people=people),
                Figure(
                    _("Share whose confidence rose"),
                    percent(totals["rose"], totals["responses"]),
                    Kind.PERCENT,
                    people=people,
                ),
            ],
            tables=[
                Table(
                    id="confidence-change",
                    title=str(_("Change in confidence")),
                    columns=[
                        label("label", _("Change")),
                        count("responses", _("Responses"), people="people"),
                    ],
                    rows=changes,
                    chart=bar_chart(
                        _("Change in confidence"),
                        _("Responses by how much confidence changed between the two ratings."),
                        "label",
                        "responses",
                    ),
                ),
                Table(
                    id="confidence-ratings",
                    title=str(_("Confidence ratings before and after")),
                    columns=[
                        label("label", _("Rating")),
                        count("before", _("Before"), people="before_people"),
                        count("after", _("After"), people="after_people"),
                    ],
                    rows=ratings,
                ),
                *agency_and_course_tables(
                    ids=("confidence-by-agency", "confidence-by-course"),
                    titles=(_("Confidence by agency"), _("Confidence by course")),
                    columns=MEAN_COLUMNS,
                    agencies=agencies,
                    courses=courses,
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


section = ConfidenceSection()
