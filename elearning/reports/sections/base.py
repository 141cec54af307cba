"""What every report section is made of, the registry, and helpers the sections share.

A section's ``compute(filters, user)`` returns figures, charts and tables built from database
aggregates: a fixed number of queries, however many people, attempts or bookings there are.
Apps' figures are read through their selectors; loops here only ever run over aggregate rows
(one per agency, course or quiz), never over the underlying records.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import Sector

from ..charts import BarChart
from ..filters import ReportFilters
from ..suppression import is_hidden, suppressed


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


# --- Helpers -------------------------------------------------------------------------------

NO_DATA = "–"

AGENCY_COLUMNS = [("agency", _("Agency")), ("sector", _("Sector"))]


def percent(part, whole) -> int | None:
    return round(100 * part / whole) if part is not None and whole else None


def percent_text(part, whole) -> str:
    """A headline percentage; a dash when there is nothing to divide by."""
    value = percent(part, whole)
    return NO_DATA if value is None else f"{value}%"


def mean(total, count) -> float | None:
    """A mean from a database sum and count (rounded to one place), so every database gives
    the same figure whatever type its AVG returns."""
    return round(float(total) / count, 1) if total is not None and count else None


def narrowed(filters: ReportFilters) -> bool:
    """Figures for one agency or sector are themselves a breakdown, so small numbers in them
    are hidden too."""
    return filters.agency is not None or bool(filters.sector)


def headline(count: int | None, filters: ReportFilters) -> int | None:
    """A headline count of people, hidden when small and the report is narrowed."""
    return suppressed(count) if narrowed(filters) else count


def headlines(filters: ReportFilters, people: int, figures: list[tuple]) -> list[tuple]:
    """Headline figures that all rest on the same ``people``: hidden together when the report
    is narrowed to one agency or sector and there are fewer of them than the threshold."""
    if narrowed(filters) and suppressed(people) is None:
        return [(label, None) for label, _value in figures]
    return figures


def chart_data(rows: list[dict], label_key: str, value_key: str) -> list[tuple]:
    """(label, value) pairs for a bar chart: hidden values are drawn as 'fewer than 5' and
    rows with nothing to show (a rate with nothing to divide by) are left out."""
    return [
        (str(row[label_key]), None if is_hidden(row, value_key) else row[value_key])
        for row in rows
        if row.get(value_key) is not None or is_hidden(row, value_key)
    ]


def in_period(field_name: str, filters: ReportFilters) -> Q:
    """A date-and-time field within the chosen days."""
    return Q(**{f"{field_name}__gte": filters.start_dt, f"{field_name}__lt": filters.end_dt})


def on_days(field_name: str, filters: ReportFilters) -> Q:
    """A date field within the chosen days."""
    return Q(**{f"{field_name}__gte": filters.start, f"{field_name}__lte": filters.end})


def by_agency(prefix: str = "") -> tuple[str, str]:
    """The fields to group on for a breakdown by agency (name and sector).

    Learning records (enrolments, certificates, bookings, attempts, team uses) each keep the
    agency the person was with at the time, so sections group on the record's own ``agency``
    (no prefix): last year's figures stay with the agency someone has since left.
    """
    return (f"{prefix}agency__name", f"{prefix}agency__sector")


def with_agency_labels(rows: list[dict], prefix: str = "") -> list[dict]:
    """Aggregate rows grouped with ``by_agency(prefix)``, given readable agency and sector."""
    name_key, sector_key = by_agency(prefix)
    sectors = dict(Sector.choices)
    return [
        {
            **row,
            "agency": row[name_key] or _("No agency"),
            "sector": sectors.get(row[sector_key], ""),
        }
        for row in rows
    ]


def column_totals(rows: list[dict], keys) -> dict:
    """Totals of some columns of aggregate rows (a missing or hidden value counts as 0)."""
    return {key: sum(row.get(key) or 0 for row in rows) for key in keys}


def sector_totals(agency_rows: list[dict], keys) -> list[dict]:
    """Rows per sector, summed from rows per agency (before suppression).

    Counts of distinct people add up, except that someone who moved agency within the
    period is counted once for each agency they did something for.
    """
    groups: dict[str, list[dict]] = {}
    for row in agency_rows:
        groups.setdefault(str(row["sector"] or _("No agency")), []).append(row)
    return [
        {"sector": label, **column_totals(rows, keys)} for label, rows in sorted(groups.items())
    ]
