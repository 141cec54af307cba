"""Training sessions: places offered and filled, waiting lists, attendance and no-shows."""

from django.utils.translation import gettext_lazy as _

from courses.models import Booking, TrainingSession
from courses.selectors import booking_figures, session_places

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
    in_period,
    narrowed,
    percent,
    percent_text,
    register_section,
    sector_totals,
    with_agency_labels,
)

BOOKING_COUNTS = ("filled", "waiting", "attended", "partly", "no_show")
BOOKING_KEYS = ("people", *BOOKING_COUNTS)
# Everything on a row of bookings rests on the people who booked.
BOOKING_VALUES = {
    "people": (
        "filled",
        "filled_percent",
        "waiting",
        "attended",
        "partly",
        "no_show",
        "no_show_percent",
    )
}
ATTENDANCE_COLUMNS = [
    ("people", _("People booked")),
    ("filled", _("Places filled")),
    ("waiting", _("Waiting list")),
    ("attended", _("Attended")),
    ("partly", _("Partly attended")),
    ("no_show", _("Did not attend")),
    ("no_show_percent", _("Did not attend (%)")),
]


def _rates(row: dict) -> dict:
    marked = row["attended"] + row["partly"] + row["no_show"]
    return {
        **row,
        "filled_percent": percent(row["filled"], row.get("places")),
        "no_show_percent": percent(row["no_show"], marked),
    }


class TrainingSessionsSection(Section):
    slug = "training-sessions"
    title = _("Training sessions")
    summary = _(
        "Sessions that started in the period: places offered and filled, waiting lists, "
        "attendance and people who did not attend."
    )

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        sessions = TrainingSession.objects.filter(in_period("starts_at", filters))
        bookings = Booking.objects.filter(
            in_period("session__starts_at", filters), **filters.people_filter()
        )

        courses: dict[int, dict] = {}
        for row in session_places(sessions, ("course_id", "course__title")):
            courses[row["course_id"]] = {
                "course": row["course__title"],
                "sessions": row["sessions"],
                "places": row["places"],
                **dict.fromkeys(BOOKING_KEYS, 0),
            }
        course_fields = ("session__course_id", "session__course__title")
        for row in booking_figures(bookings, course_fields):
            # Bookings are only counted for sessions in the period, so the course is there.
            courses[row["session__course_id"]].update({k: row[k] for k in BOOKING_KEYS})
        course_rows = [
            _rates(row) for row in sorted(courses.values(), key=lambda r: str(r["course"]))
        ]
        totals = _rates(column_totals(course_rows, ("sessions", "places", *BOOKING_COUNTS)))
        if narrowed(filters):
            course_rows = suppress_cells(course_rows, BOOKING_VALUES)

        agencies = [
            _rates(row) for row in with_agency_labels(booking_figures(bookings, by_agency()))
        ]
        people = column_totals(agencies, ("people",))["people"]
        sectors = suppress_cells(
            [_rates(row) for row in sector_totals(agencies, BOOKING_KEYS)], BOOKING_VALUES
        )
        agencies = suppress_cells(agencies, BOOKING_VALUES)

        return SectionResult(
            figures=[
                (_("Sessions"), totals["sessions"]),
                (_("Places offered"), totals["places"]),
                *headlines(
                    filters,
                    people,
                    [
                        (_("Places filled"), totals["filled"]),
                        (
                            _("Share of places filled"),
                            percent_text(totals["filled"], totals["places"]),
                        ),
                        (_("On waiting lists"), totals["waiting"]),
                        (_("Did not attend"), totals["no_show"]),
                        (
                            _("Share of marked places not attended"),
                            percent_text(
                                totals["no_show"],
                                totals["attended"] + totals["partly"] + totals["no_show"],
                            ),
                        ),
                    ],
                ),
            ],
            charts=[
                bar_chart(
                    id="training-sessions-filled",
                    title=str(_("Places filled, by course")),
                    caption=str(_("Share of the places offered that were taken, per course.")),
                    data=chart_data(course_rows, "course", "filled_percent"),
                    unit="%",
                ),
                bar_chart(
                    id="training-sessions-no-shows",
                    title=str(_("Did not attend, by sector")),
                    caption=str(
                        _("Share of places with attendance marked where the person did not come.")
                    ),
                    data=chart_data(sectors, "sector", "no_show_percent"),
                    unit="%",
                ),
            ],
            tables=[
                Table(
                    id="sessions-by-course",
                    title=str(_("Sessions by course")),
                    columns=[
                        ("course", _("Course")),
                        ("sessions", _("Sessions")),
                        ("places", _("Places offered")),
                        ("filled", _("Places filled")),
                        ("filled_percent", _("Filled (%)")),
                        ("waiting", _("Waiting list")),
                        ("no_show", _("Did not attend")),
                        ("no_show_percent", _("Did not attend (%)")),
                    ],
                    rows=course_rows,
                ),
                Table(
                    id="attendance-by-agency",
                    title=str(_("Attendance by agency")),
                    columns=[*AGENCY_COLUMNS, *ATTENDANCE_COLUMNS],
                    rows=agencies,
                ),
                Table(
                    id="attendance-by-sector",
                    title=str(_("Attendance by sector")),
                    columns=[("sector", _("Sector")), *ATTENDANCE_COLUMNS],
                    rows=sectors,
                ),
            ],
            notes=[
                str(
                    _(
                        "Places filled are confirmed places and places awaiting a manager's "
                        "approval. With an agency or sector chosen, places offered are still "
                        "all places; the other figures count that agency's or sector's people."
                    )
                )
            ],
        )


register_section(TrainingSessionsSection())
