"""Use of the neglect toolkit in the partnership reports: counts of completed assessments and
of reviews (a completed assessment of a case its author had assessed before), by agency and
by month. Counts only, through the reports' disclosure control; never a case reference, a
level or anyone's name."""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from elearning.reports.disclosure import Kind
from elearning.reports.sections.base import (
    Figure,
    Section,
    SectionResult,
    Table,
    by_agency,
    column_totals,
    count,
    label,
    on_days,
    sector_and_agency_tables,
    sector_chart,
    sector_totals,
    with_agency_labels,
)

from .models import Assessment, AssessmentStatus

COLUMNS = [
    count("assessments", _("Assessments completed"), people="authors"),
    count("reviews", _("Of which reviews"), people="authors"),
    count("authors", _("Practitioners")),
]
KEYS = ("assessments", "reviews", "authors")


def _figures(queryset, group_by) -> list[dict]:
    return list(
        queryset.values(*group_by)
        .annotate(
            assessments=Count("pk"),
            reviews=Count("pk", filter=Q(is_review=True)),
            authors=Count("author", distinct=True),
        )
        .order_by(*group_by)
    )


class ToolkitSection(Section):
    slug = "neglect-toolkit"
    order = 100
    title = _("Use of the neglect toolkit")
    summary = _(
        "Neglect assessments completed in the period and how many were reviews of an earlier "
        "one, by the agency of the practitioner at the time."
    )

    def compute(self, filters, user) -> SectionResult:
        earlier = Assessment.objects.filter(
            author_id=OuterRef("author_id"),
            toolkit_id=OuterRef("toolkit_id"),
            case_reference__iexact=OuterRef("case_reference"),
            status=AssessmentStatus.COMPLETED,
            assessed_on__lt=OuterRef("assessed_on"),
        )
        completed = Assessment.objects.filter(
            on_days("assessed_on", filters),
            status=AssessmentStatus.COMPLETED,
            **filters.people_filter(),
        ).annotate(is_review=Exists(earlier))
        agencies = with_agency_labels(_figures(completed, by_agency()))
        sectors = sector_totals(agencies, KEYS)
        # Practitioners are counted once over the period, not summed across agencies.
        people = completed.values("author").distinct().count()
        totals = column_totals(agencies, ("assessments", "reviews"))
        months = [
            {**row, "month": date_format(row["month"], "F Y")}
            for row in _figures(completed.annotate(month=TruncMonth("assessed_on")), ("month",))
        ]
        return SectionResult(
            figures=[
                Figure(
                    _("Assessments completed"), totals["assessments"], Kind.COUNT, people=people
                ),
                Figure(_("Reviews"), totals["reviews"], Kind.COUNT, people=people),
                Figure(_("Practitioners using the toolkit"), people, Kind.COUNT),
            ],
            tables=[
                *sector_and_agency_tables(
                    ids=("toolkit-by-sector", "toolkit-by-agency"),
                    titles=(_("Assessments by sector"), _("Assessments by agency")),
                    columns=COLUMNS,
                    sectors=sectors,
                    agencies=agencies,
                    chart=sector_chart(
                        _("Assessments by sector"),
                        _("Neglect assessments completed in each sector."),
                        "assessments",
                    ),
                ),
                Table(
                    id="toolkit-by-month",
                    title=str(_("Assessments by month")),
                    columns=[label("month", _("Month")), *COLUMNS],
                    rows=months,
                ),
            ],
        )


section = ToolkitSection()
