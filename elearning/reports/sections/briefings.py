"""7-minute briefings: how often teams recorded using them, by agency and briefing."""

from django.utils.translation import gettext_lazy as _

from elearning.library.models import TeamUse
from elearning.library.selectors import team_use_figures

from ..charts import bar_chart
from ..filters import ReportFilters
from ..suppression import suppress_cells
from .base import (
    AGENCY_COLUMNS,
    Section,
    SectionResult,
    Table,
    by_agency,
    chart_data,
    column_totals,
    headlines,
    narrowed,
    on_days,
    register_section,
    sector_totals,
    with_agency_labels,
)

# The people behind a row are those who took part in the discussions.
USE_VALUES = {"attendees": ("uses",)}
USE_COLUMNS = [("uses", _("Team uses")), ("attendees", _("People taking part"))]


class BriefingsSection(Section):
    slug = "briefings"
    title = _("7-minute briefings used by teams")
    summary = _(
        "Team discussions of 7-minute briefings recorded for the period, by the agency of the "
        "person who recorded them."
    )

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        # A use keeps the agency it was recorded for, so the filter is on that agency.
        uses = TeamUse.objects.filter(on_days("date_discussed", filters), **filters.people_filter())
        agencies = with_agency_labels(team_use_figures(uses, by_agency()))
        totals = column_totals(agencies, ("uses", "attendees", "briefings"))
        sectors = suppress_cells(sector_totals(agencies, ("uses", "attendees")), USE_VALUES)
        agencies = suppress_cells(agencies, USE_VALUES)
        briefings = [
            {**row, "briefing": row["briefing__title"]}
            for row in team_use_figures(uses, ("briefing_id", "briefing__title"))
        ]
        briefings.sort(key=lambda r: str(r["briefing"]))
        if narrowed(filters):
            briefings = suppress_cells(briefings, USE_VALUES)

        return SectionResult(
            figures=headlines(
                filters,
                totals["attendees"],
                [
                    (_("Team uses recorded"), totals["uses"]),
                    (_("People taking part"), totals["attendees"]),
                    (_("Briefings used"), len(briefings)),
                ],
            ),
            charts=[
                bar_chart(
                    id="briefings-by-sector",
                    title=str(_("Team uses by sector")),
                    caption=str(_("Team discussions of a briefing recorded in each sector.")),
                    data=chart_data(sectors, "sector", "uses"),
                )
            ],
            tables=[
                Table(
                    id="team-uses-by-agency",
                    title=str(_("Team uses by agency")),
                    columns=[*AGENCY_COLUMNS, *USE_COLUMNS],
                    rows=agencies,
                ),
                Table(
                    id="team-uses-by-sector",
                    title=str(_("Team uses by sector")),
                    columns=[("sector", _("Sector")), *USE_COLUMNS],
                    rows=sectors,
                ),
                Table(
                    id="team-uses-by-briefing",
                    title=str(_("Team uses by briefing")),
                    columns=[
                        ("briefing", _("Briefing")),
                        *USE_COLUMNS,
                        ("agencies", _("Agencies")),
                    ],
                    rows=briefings,
                ),
            ],
        )


register_section(BriefingsSection())
