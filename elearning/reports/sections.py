"""Report sections. Each answers one of the strategy's questions for the chosen filters.

A section's ``compute(filters, user)`` returns figures, charts and tables built from database
aggregates (one query per table, whatever the volume). Sections are registered in order with
``register_section``; apps' figures are read through their selectors.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import Agency, Sector, User

from .charts import BarChart, bar_chart
from .filters import ReportFilters
from .suppression import suppress_rows, suppressed


@dataclass
class Table:
    id: str
    title: str
    columns: list[tuple[str, str]]  # (key, heading)
    rows: list[dict]
    caption: str = ""


@dataclass
class SectionResult:
    figures: list[tuple[str, object]] = field(default_factory=list)
    charts: list[BarChart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Section:
    slug: str = ""
    title: str = ""
    summary: str = ""
    # Supervisors see this section for their own team.
    team_view: bool = False

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        raise NotImplementedError


_sections: list[Section] = []


def register_section(section: Section) -> Section:
    if all(existing.slug != section.slug for existing in _sections):
        _sections.append(section)
    return section


def all_sections() -> list[Section]:
    return list(_sections)


def get_section(slug: str) -> Section | None:
    return next((s for s in _sections if s.slug == slug), None)


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
