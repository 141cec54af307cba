"""People with accounts: the reach every other figure sits in."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import Agency, User

from ..disclosure import Kind
from ..filters import ReportFilters
from .base import (
    Figure,
    Section,
    SectionResult,
    count,
    sector_and_agency_tables,
    sector_chart,
    sector_totals,
    with_agency_labels,
)

# "0 joined" of 1 to 4 people says something about each of them, so it rests on them too.
PEOPLE_COLUMNS = [
    count("people", _("People")),
    count("joined", _("Joined in the period"), people="people"),
]


class PeopleSection(Section):
    """Who has an account, by agency and by sector: the reach every other figure sits in."""

    slug = "people"
    order = 10
    title = _("People with accounts")
    summary = _("Practitioners registered on the site, by agency and sector.")

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        people = User.objects.filter(is_active=True, **filters.people_filter())
        joined = Q(date_joined__gte=filters.start_dt, date_joined__lt=filters.end_dt)
        agencies = with_agency_labels(
            list(
                people.values("agency__name", "agency__sector")
                .annotate(people=Count("id"), joined=Count("id", filter=joined))
                .order_by("agency__name")
            )
        )
        sectors = sector_totals(agencies, ("people", "joined"))
        total = sum(r["people"] for r in agencies)
        new = sum(r["joined"] for r in agencies)
        return SectionResult(
            figures=[
                Figure(_("People with accounts"), total, Kind.COUNT),
                Figure(_("Joined in the period"), new, Kind.COUNT, people=total),
                Figure(_("Agencies"), Agency.objects.active().count()),
            ],
            tables=[
                *sector_and_agency_tables(
                    ids=("by-sector", "by-agency"),
                    titles=(_("By sector"), _("By agency")),
                    columns=PEOPLE_COLUMNS,
                    sectors=sectors,
                    agencies=agencies,
                    chart=sector_chart(
                        _("People by sector"),
                        _("Number of people with accounts in each sector."),
                        "people",
                    ),
                ),
            ],
        )


section = PeopleSection()
