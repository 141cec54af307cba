"""What every report section is made of, how the sections are found (a Wagtail hook), and
helpers the sections share.

A section's ``compute(filters, user)`` returns figures and tables (each table may carry a
chart of one of its columns) built from database aggregates: a fixed number of queries,
however many people, attempts or bookings there are. Sections hand over unrounded figures;
``Figure`` and ``Table`` publish them through ``disclosure.disclose`` as they are made.
Apps' figures are read through their selectors; loops here only ever run over aggregate rows
(one per agency, course or quiz), never over the underlying records.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from elearning.accounts.models import Sector, User

from ..disclosure import WITHHELD, Kind, disclose, display
from ..filters import ReportFilters


@dataclass(frozen=True)
class Column:
    """One column of a table. ``kind`` decides how its figures are published; ``people`` names
    the row's count of distinct people under a figure that is not itself a count of people
    (attempts, records, shares and averages)."""

    key: str
    heading: str
    kind: Kind = Kind.PLAIN
    people: str | None = None


def label(key: str, heading) -> Column:
    return Column(key, heading)


def count(key: str, heading, people: str | None = None) -> Column:
    return Column(key, heading, Kind.COUNT, people)


def share(key: str, heading, people: str) -> Column:
    return Column(key, heading, Kind.PERCENT, people)


def average(key: str, heading, people: str, kind: Kind = Kind.MEAN) -> Column:
    return Column(key, heading, kind, people)


def publish_row(row: dict, columns: list[Column]) -> dict:
    """A row as published: each column's figure through ``disclose``, and nothing else of the
    unrounded row kept (links, whose keys start with ``_``, are kept)."""
    published = {key: value for key, value in row.items() if key.startswith("_")}
    for column in columns:
        people = row.get(column.people) if column.people else None
        value = disclose(row.get(column.key), kind=column.kind, people=people)
        # Labels are made text once here, not each time the table is shown.
        published[column.key] = str(value) if isinstance(value, Promise) else value
    return published


@dataclass(frozen=True)
class Chart:
    """A bar chart of one column of its table, drawn above it. It shows no figures of its
    own: they are in the table, once."""

    title: str
    caption: str
    label_key: str
    value_key: str


@dataclass
class Bar:
    label: str
    width: float  # share of the longest bar, 0 to 100; 0 for a withheld or empty value
    withheld: bool


@dataclass
class Table:
    """A table of published figures: its rows pass through ``disclose`` when it is made, so
    nothing unrounded reaches the page or a CSV file."""

    id: str
    title: str
    columns: list[Column]
    rows: list[dict]
    caption: str = ""
    chart: Chart | None = None

    def __post_init__(self):
        self.rows = [publish_row(row, self.columns) for row in self.rows]

    @property
    def lines(self) -> list[list[tuple[Column, str, object]]]:
        """Each row's cells as shown: (column, text, the course a label links to or None)."""
        return [
            [
                (
                    column,
                    display(row.get(column.key), column.kind),
                    row.get("_course") if column.key == "course" else None,
                )
                for column in self.columns
            ]
            for row in self.rows
        ]

    @property
    def numeric(self) -> set[str]:
        return {c.key for c in self.columns if c.kind != Kind.PLAIN}

    @property
    def bars(self) -> list[Bar]:
        if self.chart is None:
            return []
        values = [row.get(self.chart.value_key) for row in self.rows]
        numbers = [v for v in values if isinstance(v, int | float) and v is not WITHHELD]
        top = max(numbers, default=0)
        return [
            Bar(
                label=str(row.get(self.chart.label_key)),
                width=round(100 * value / top, 1) if top and value not in (None, WITHHELD) else 0,
                withheld=value is WITHHELD,
            )
            for row, value in zip(self.rows, values, strict=True)
            if value is not None
        ]


@dataclass
class Figure:
    """A headline figure, published as it is made."""

    label: str
    value: object
    kind: Kind = Kind.PLAIN
    people: int | None = None

    def __post_init__(self):
        self.value = disclose(self.value, kind=self.kind, people=self.people)

    @property
    def text(self) -> str:
        return display(self.value, self.kind)


@dataclass
class SectionResult:
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Said instead of any figure when the report is narrowed to too few people.
    withheld: str = ""


class Section:
    slug: str = ""
    title: str = ""
    summary: str = ""
    # Supervisors see this section for their own team.
    team_view: bool = False
    # The section can be narrowed to one course (the course drill-down).
    by_course: bool = False
    # Where the section comes on the page, lowest first.
    order: int = 0

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        raise NotImplementedError

    def population(self, filters: ReportFilters, user) -> int | None:
        """How many people a narrowed report is about (None when it is not narrowed): the
        people with accounts in the chosen agency or sector, whatever the dates, so that
        moving the dates cannot find the edge of the rule."""
        if not narrowed(filters):
            return None
        return User.objects.filter(is_active=True, **filters.people_filter()).count()


HOOK = "register_report_section"


def all_sections() -> list[Section]:
    """The sections, in page order: each app registers its own in its ``wagtail_hooks.py``
    with the ``register_report_section`` hook, a function returning a section or a list of
    them (as the navigation and dashboard hooks do, ``elearning.core.registry``)."""
    sections: dict[str, Section] = {}
    for hook in hooks.get_hooks(HOOK):
        found = hook()
        for section in found if isinstance(found, list | tuple) else [found]:
            sections.setdefault(section.slug, section)
    return sorted(sections.values(), key=lambda section: section.order)


def get_section(slug: str) -> Section | None:
    return next((s for s in all_sections() if s.slug == slug), None)


# --- Helpers -------------------------------------------------------------------------------

AGENCY_COLUMNS = [label("agency", _("Agency")), label("sector", _("Sector"))]
SECTOR_COLUMNS = [label("sector", _("Sector"))]
COURSE_COLUMNS = [label("course", _("Course"))]


def breakdown_table(table_id: str, title, lead: list[Column], columns, rows, chart=None) -> Table:
    """A table of ``columns`` per row, led by the columns that name each row (``lead``)."""
    return Table(id=table_id, title=str(title), columns=[*lead, *columns], rows=rows, chart=chart)


def sector_and_agency_tables(
    *,
    ids: tuple[str, str],
    titles: tuple[str, str],
    columns: list[Column],
    sectors: list[dict],
    agencies: list[dict],
    chart: Chart | None = None,
) -> list[Table]:
    """The same figures by sector (with a chart of one column) and by agency, both from
    unrounded rows, so that each is rounded on its own and neither undoes the other."""
    return [
        breakdown_table(ids[0], titles[0], SECTOR_COLUMNS, columns, sectors, chart),
        breakdown_table(ids[1], titles[1], AGENCY_COLUMNS, columns, agencies),
    ]


def bar_chart(title, caption, label_key: str, value_key: str) -> Chart:
    """A bar chart of one column of a table, one bar per row named by ``label_key``."""
    return Chart(title=str(title), caption=str(caption), label_key=label_key, value_key=value_key)


def sector_chart(title, caption, value_key: str) -> Chart:
    """A bar chart of one column of a table by sector, one bar per sector."""
    return bar_chart(title, caption, "sector", value_key)


def agency_and_course_tables(
    *,
    ids: tuple[str, str],
    titles: tuple[str, str],
    columns: list[Column],
    agencies: list[dict],
    courses: list[dict],
) -> list[Table]:
    """The same figures by agency and by course."""
    return [
        breakdown_table(ids[0], titles[0], AGENCY_COLUMNS, columns, agencies),
        breakdown_table(ids[1], titles[1], COURSE_COLUMNS, columns, courses),
    ]


def percent(part, whole) -> float | None:
    """A share from unrounded figures (``disclose`` rounds it); None with nothing to divide."""
    return 100 * part / whole if part is not None and whole else None


def mean(total, count) -> float | None:
    """A mean from a database sum and count, unrounded (``disclose`` rounds it), so every
    database gives the same figure whatever type its AVG returns."""
    return float(total) / count if total is not None and count else None


def narrowed(filters: ReportFilters) -> bool:
    """Whether the report is narrowed to one agency or sector."""
    return filters.agency is not None or bool(filters.sector)


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
    """Totals of some columns of unrounded aggregate rows (a missing value counts as 0)."""
    return {key: sum(row.get(key) or 0 for row in rows) for key in keys}


def sector_totals(agency_rows: list[dict], keys) -> list[dict]:
    """Rows per sector, summed from unrounded rows per agency.

    Counts of distinct people add up, except that someone who moved agency within the
    period is counted once for each agency they did something for.
    """
    groups: dict[str, list[dict]] = {}
    for row in agency_rows:
        groups.setdefault(str(row["sector"] or _("No agency")), []).append(row)
    return [{"sector": name, **column_totals(rows, keys)} for name, rows in sorted(groups.items())]
