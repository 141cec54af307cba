"""Training sessions: places offered and filled, waiting lists, attendance and no-shows."""

from django.utils.translation import gettext_lazy as _

from courses.models import AbsenceReason, Booking, TrainingSession
from courses.selectors import (
    NOT_RECORDED_KEY,
    REASON_KEYS,
    booking_figures,
    no_show_reason_figures,
    session_places,
)

from ..disclosure import Kind
from ..filters import ReportFilters
from .base import (
    Figure,
    Section,
    SectionResult,
    Table,
    bar_chart,
    by_agency,
    column_totals,
    count,
    in_period,
    label,
    percent,
    sector_and_agency_tables,
    sector_chart,
    sector_totals,
    share,
    with_agency_labels,
)

BOOKING_COUNTS = ("filled", "waiting", "attended", "partly", "no_show")
BOOKING_KEYS = ("people", *BOOKING_COUNTS)
# A person books a session once, but may book several sessions: every figure on a row rests
# on the people who booked.
ATTENDANCE_COLUMNS = [
    count("people", _("People booked")),
    count("filled", _("Places filled"), people="people"),
    count("waiting", _("Waiting list"), people="people"),
    count("attended", _("Attended"), people="people"),
    count("partly", _("Partly attended"), people="people"),
    count("no_show", _("Did not attend"), people="people"),
    share("no_show_percent", _("Did not attend (%)"), people="people"),
]
# Each reason's count rests on the people who did not attend in that row.
NO_SHOW_KEYS = ("no_shows", "no_show_people", *REASON_KEYS.values(), NOT_RECORDED_KEY)
NO_SHOW_COLUMNS = [
    count("no_shows", _("Did not attend"), people="no_show_people"),
    *(
        count(REASON_KEYS[reason.value], reason.label, people="no_show_people")
        for reason in AbsenceReason
    ),
    count(NOT_RECORDED_KEY, _("No reason recorded"), people="no_show_people"),
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
    order = 30
    title = _("Training sessions")
    summary = _(
        "Sessions that started in the period: places offered and filled, waiting lists, "
        "attendance and people who did not attend."
    )
    by_course = True

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        sessions = TrainingSession.objects.filter(
            in_period("starts_at", filters), **filters.course_filter()
        )
        bookings = Booking.objects.filter(
            in_period("session__starts_at", filters),
            **filters.people_filter(),
            **filters.course_filter("session__course"),
        )

        courses: dict[int, dict] = {}
        for row in session_places(sessions, ("course_id", "course__title")):
            courses[row["course_id"]] = {
                "course": row["course__title"],
                "_course": row["course_id"],
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

        agencies = [
            _rates(row) for row in with_agency_labels(booking_figures(bookings, by_agency()))
        ]
        people = column_totals(agencies, ("people",))["people"]
        sectors = [_rates(row) for row in sector_totals(agencies, BOOKING_KEYS)]
        no_show_agencies = with_agency_labels(no_show_reason_figures(bookings, by_agency()))
        no_show_sectors = sector_totals(no_show_agencies, NO_SHOW_KEYS)

        return SectionResult(
            figures=[
                Figure(_("Sessions"), totals["sessions"]),
                Figure(_("Places offered"), totals["places"]),
                Figure(_("People booked"), people, Kind.COUNT),
                Figure(_("Places filled"), totals["filled"], Kind.COUNT, people=people),
                Figure(
                    _("Share of places filled"),
                    totals["filled_percent"],
                    Kind.PERCENT,
                    people=people,
                ),
                Figure(_("On waiting lists"), totals["waiting"], Kind.COUNT, people=people),
                Figure(_("Did not attend"), totals["no_show"], Kind.COUNT, people=people),
                Figure(
                    _("Share of marked places not attended"),
                    totals["no_show_percent"],
                    Kind.PERCENT,
                    people=people,
                ),
            ],
            tables=[
                Table(
                    id="sessions-by-course",
                    title=str(_("Sessions by course")),
                    columns=[
                        label("course", _("Course")),
                        label("sessions", _("Sessions")),
                        label("places", _("Places offered")),
                        count("filled", _("Places filled"), people="people"),
                        share("filled_percent", _("Filled (%)"), people="people"),
                        count("waiting", _("Waiting list"), people="people"),
                        count("no_show", _("Did not attend"), people="people"),
                        share("no_show_percent", _("Did not attend (%)"), people="people"),
                    ],
                    rows=course_rows,
                    chart=bar_chart(
                        _("Places filled, by course"),
                        _("Share of the places offered that were taken, per course."),
                        "course",
                        "filled_percent",
                    ),
                ),
                *sector_and_agency_tables(
                    ids=("attendance-by-sector", "attendance-by-agency"),
                    titles=(_("Attendance by sector"), _("Attendance by agency")),
                    columns=ATTENDANCE_COLUMNS,
                    sectors=sectors,
                    agencies=agencies,
                    chart=sector_chart(
                        _("Did not attend, by sector"),
                        _("Share of places with attendance marked where the person did not come."),
                        "no_show_percent",
                    ),
                ),
                *sector_and_agency_tables(
                    ids=("no-shows-by-sector", "no-shows-by-agency"),
                    titles=(
                        _("Reasons for not attending, by sector"),
                        _("Reasons for not attending, by agency"),
                    ),
                    columns=NO_SHOW_COLUMNS,
                    sectors=no_show_sectors,
                    agencies=no_show_agencies,
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


section = TrainingSessionsSection()
