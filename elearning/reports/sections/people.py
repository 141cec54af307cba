"""People with accounts: the reach every other figure sits in."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import Agency, Sector, User

from ..charts import bar_chart
from ..filters import ReportFilters
from ..suppression import suppress_rows, suppressed
from .base import Section, SectionResult, Table, register_section


class PeopleSection(Section):
    """Who has an account, by agency and by sector: the reach every other figure sits in."""

    slug = "people"
    title = _("People with accounts")
    summary = _("Practitioners registered on the site, by agency and sector.")

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        people = User.objects.filter(is_active=True, **filters.people_filter())
        joined = Q(date_joined__gte=filters.start_dt, date_joined__lt=filters.end_dt)
        by_agency = list(
            people.values("agency__name")
            .annotate(people=Count("id"), joined=Count("id", filter=joined))
            .order_by("agency__name")
        )
        agency_rows = suppress_rows(
            [
                {
                    "agency": r["agency__name"] or _("No agency"),
                    "people": r["people"],
                    "joined": r["joined"],
                }
                for r in by_agency
            ],
            "people",
            ("joined",),
        )
        labels = dict(Sector.choices)
        by_sector = people.values("agency__sector").annotate(people=Count("id"))
        sector_rows = suppress_rows(
            [
                {"sector": labels.get(r["agency__sector"], _("No agency")), "people": r["people"]}
                for r in by_sector.order_by("agency__sector")
            ],
            "people",
        )
        total = sum(r["people"] for r in by_agency)
        new = sum(r["joined"] for r in by_agency)
        if filters.agency is not None or filters.sector:
            # Narrowed to one agency or sector, the headline is itself a breakdown.
            total, new = suppressed(total), (suppressed(new) if suppressed(total) else None)
        return SectionResult(
            figures=[
                (_("People with accounts"), total),
                (_("Joined in the period"), new),
                (_("Agencies"), Agency.objects.active().count()),
            ],
            charts=[
                bar_chart(
                    id="people-by-sector",
                    title=str(_("People by sector")),
                    caption=str(_("Number of people with accounts in each sector.")),
                    data=[(str(r["sector"]), r["people"]) for r in sector_rows],
                )
            ],
            tables=[
                Table(
                    id="by-agency",
                    title=str(_("By agency")),
                    columns=[
                        ("agency", _("Agency")),
                        ("people", _("People")),
                        ("joined", _("Joined in the period")),
                    ],
                    rows=agency_rows,
                ),
                Table(
                    id="by-sector",
                    title=str(_("By sector")),
                    columns=[("sector", _("Sector")), ("people", _("People"))],
                    rows=sector_rows,
                ),
            ],
        )


register_section(PeopleSection())
