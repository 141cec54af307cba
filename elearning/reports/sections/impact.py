"""Confidence before, after and three months on, and how often line managers confirmed the
change in practice (Kirkpatrick level 3)."""

from django.utils.translation import gettext_lazy as _

from courses.impact_selectors import three_stage_confidence
from courses.models import ImpactFollowUp

from ..disclosure import Kind
from ..filters import ReportFilters
from .base import (
    Figure,
    Section,
    SectionResult,
    agency_and_course_tables,
    average,
    by_agency,
    column_totals,
    count,
    in_period,
    mean,
    percent,
    share,
    with_agency_labels,
)

PREFIX = "enrolment__"
SUM_KEYS = (
    "responses",
    "people",
    "before_total",
    "after_total",
    "now_total",
    "asked",
    "asked_people",
    "confirmed",
)
COLUMNS = [
    count("responses", _("Responses"), people="people"),
    average("before", _("Mean before"), people="people"),
    average("after", _("Mean after"), people="people"),
    average("now", _("Mean three months on"), people="people"),
    average("kept", _("Change since the course"), people="people", kind=Kind.CHANGE),
    share("confirmed_percent", _("Confirmed by their manager"), people="asked_people"),
]


def _means(row: dict) -> dict:
    return {
        **row,
        "before": mean(row["before_total"], row["responses"]),
        "after": mean(row["after_total"], row["responses"]),
        "now": mean(row["now_total"], row["responses"]),
        "kept": mean(row["now_total"] - row["after_total"], row["responses"]),
        "confirmed_percent": percent(row["confirmed"], row["asked"]),
    }


class ImpactSection(Section):
    slug = "impact"
    order = 50
    title = _("Impact on practice three months on")
    summary = _(
        "How confident learners felt about recognising and responding to neglect, from 1 (not "
        "at all) to 5 (very), when they enrolled, when they finished and when they answered "
        "the follow-up in the period, and how often their line manager confirmed the change."
    )
    by_course = True

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        follow_ups = ImpactFollowUp.objects.filter(
            in_period("answered_at", filters),
            **filters.people_filter(PREFIX),
            **filters.course_filter(f"{PREFIX}course"),
        )
        agencies = [
            _means(row)
            for row in with_agency_labels(
                three_stage_confidence(follow_ups, by_agency(PREFIX)), PREFIX
            )
        ]
        # Worked out from the unrounded rows, then published under the same rules.
        totals = _means(column_totals(agencies, SUM_KEYS))
        courses = [
            {
                **_means(row),
                "course": row[f"{PREFIX}course__title"],
                "_course": row[f"{PREFIX}course_id"],
            }
            for row in three_stage_confidence(
                follow_ups, (f"{PREFIX}course_id", f"{PREFIX}course__title")
            )
        ]
        courses.sort(key=lambda r: str(r["course"]))
        people = totals["people"]
        return SectionResult(
            figures=[
                Figure(_("Follow-up answers"), totals["responses"], Kind.COUNT, people=people),
                Figure(_("Mean confidence before"), totals["before"], Kind.MEAN, people=people),
                Figure(_("Mean confidence after"), totals["after"], Kind.MEAN, people=people),
                Figure(
                    _("Mean confidence three months on"), totals["now"], Kind.MEAN, people=people
                ),
                Figure(
                    _("Share confirmed by their line manager"),
                    totals["confirmed_percent"],
                    Kind.PERCENT,
                    people=totals["asked_people"],
                ),
            ],
            tables=[
                *agency_and_course_tables(
                    ids=("impact-by-agency", "impact-by-course"),
                    titles=(
                        _("Confidence three months on, by agency"),
                        _("Confidence three months on, by course"),
                    ),
                    columns=COLUMNS,
                    agencies=agencies,
                    courses=courses,
                ),
            ],
            notes=[
                str(
                    _(
                        "Only learners who gave all three ratings are counted, by the agency "
                        "they were with when they enrolled. The change since the course is the "
                        "mean of each learner's rating three months on minus their rating at "
                        "the end of the course. The share confirmed counts the answers put to "
                        "a line manager."
                    )
                )
            ],
        )


section = ImpactSection()
