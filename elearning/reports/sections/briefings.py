"""7-minute briefings: how often teams recorded using them, by agency and briefing."""

from django.utils.translation import gettext_lazy as _

from elearning.library.models import TeamUse
from elearning.library.selectors import team_use_figures

from ..disclosure import Kind
from ..filters import ReportFilters
from .base import (
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

# The people behind a row are those who took part in the discussions.
USE_COLUMNS = [
    count("uses", _("Team uses"), people="attendees"),
    count("attendees", _("People taking part")),
]


class BriefingsSection(Section):
    slug = "briefings"
    order = 70
    title = _("7-minute briefings used by teams")
    summary = _(
        "Team discussions of 7-minute briefings recorded for the period, by the agency of the "
        "person who recorded them."
    )

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        # A use keeps the agency it was recorded for, so the filter is on that agency.
        uses = TeamUse.objects.filter(on_days("date_discussed", filters), **filters.people_filter())
        agencies = with_agency_labels(team_use_figures(uses, by_agency()))
        totals = column_totals(agencies, ("uses", "attendees"))
        sectors = sector_totals(agencies, ("uses", "attendees"))
        briefings = [
            {**row, "briefing": row["briefing__title"]}
            for row in team_use_figures(uses, ("briefing_id", "briefing__title"))
        ]
        briefings.sort(key=lambda r: str(r["briefing"]))
        people = totals["attendees"]
        return SectionResult(
            figures=[
                Figure(_("Team uses recorded"), totals["uses"], Kind.COUNT, people=people),
                Figure(_("People taking part"), people, Kind.COUNT),
                Figure(_("Briefings used"), len(briefings)),
            ],
            tables=[
                *sector_and_agency_tables(
                    ids=("team-uses-by-sector", "team-uses-by-agency"),
                    titles=(_("Team uses by sector"), _("Team uses by agency")),
                    columns=USE_COLUMNS,
                    sectors=sectors,
                    agencies=agencies,
                    chart=sector_chart(
                        _("Team uses by sector"),
                        _("Team discussions of a briefing recorded in each sector."),
                        "uses",
                    ),
                ),
                Table(
                    id="team-uses-by-briefing",
                    title=str(_("Team uses by briefing")),
                    columns=[
                        label("briefing", _("Briefing")),
                        *USE_COLUMNS,
                        label("agencies", _("Agencies")),
                    ],
                    rows=briefings,
                ),
            ],
        )


section = BriefingsSection()
