"""Training reach: who completed each course, by agency and sector, and certificates that
run out soon (so that refresher places can be planned)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Certificate, Enrolment
from courses.selectors import certificate_figures, enrolment_figures

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
    headline,
    headlines,
    in_period,
    narrowed,
    register_section,
    sector_totals,
    with_agency_labels,
)

EXPIRY_DAYS = 90

# A person has one enrolment (and so at most one certificate) per course, so every count on
# a course row is a count of people.
COURSE_COUNTS = {"enrolled": (), "completed": (), "expiring": ()}
PEOPLE_COUNTS = {"completed_people": ("completed",), "expiring_people": ()}
PEOPLE_COLUMNS = [
    ("completed_people", _("People who completed a course")),
    ("completed", _("Courses completed")),
    ("expiring_people", _("People with a certificate expiring in 90 days")),
]


class TrainingReachSection(Section):
    slug = "training-reach"
    title = _("Training reach")
    summary = _(
        "People who completed each course in the period, by agency and sector, and "
        "certificates that expire in the next 90 days."
    )

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        today = timezone.localdate()
        dates = {
            "completed_between": (filters.start, filters.end),
            "expiring_between": (today, today + datetime.timedelta(days=EXPIRY_DAYS)),
        }
        certificates = Certificate.objects.filter(**filters.people_filter())
        enrolments = Enrolment.objects.filter(
            in_period("enrolled_at", filters), **filters.people_filter()
        )

        courses: dict[int, dict] = {}
        for row in enrolment_figures(enrolments, ("course_id", "course__title")):
            courses[row["course_id"]] = {
                "course": row["course__title"],
                "enrolled": row["enrolled"],
                "completed": 0,
                "expiring": 0,
            }
        course_fields = ("enrolment__course_id", "enrolment__course__title")
        for row in certificate_figures(certificates, course_fields, **dates):
            entry = courses.setdefault(
                row["enrolment__course_id"],
                {"course": row["enrolment__course__title"], "enrolled": 0},
            )
            entry.update(completed=row["completed"], expiring=row["expiring"])
        course_rows = sorted(courses.values(), key=lambda r: str(r["course"]))
        if narrowed(filters):
            course_rows = suppress_cells(course_rows, COURSE_COUNTS)

        agencies = with_agency_labels(certificate_figures(certificates, by_agency(), **dates))
        keys = [key for key, _heading in PEOPLE_COLUMNS]
        totals = column_totals(agencies, keys)
        sectors = suppress_cells(sector_totals(agencies, keys), PEOPLE_COUNTS)
        agencies = suppress_cells(agencies, PEOPLE_COUNTS)

        return SectionResult(
            figures=[
                *headlines(
                    filters,
                    totals["completed_people"],
                    [
                        (_("People who completed a course"), totals["completed_people"]),
                        (_("Courses completed"), totals["completed"]),
                    ],
                ),
                (
                    _("People with a certificate expiring in the next 90 days"),
                    headline(totals["expiring_people"], filters),
                ),
            ],
            charts=[
                bar_chart(
                    id="training-reach-by-course",
                    title=str(_("Completions by course")),
                    caption=str(_("People who completed each course in the period.")),
                    data=chart_data(course_rows, "course", "completed"),
                ),
                bar_chart(
                    id="training-reach-by-sector",
                    title=str(_("People completing training, by sector")),
                    caption=str(_("People who completed at least one course in the period.")),
                    data=chart_data(sectors, "sector", "completed_people"),
                ),
            ],
            tables=[
                Table(
                    id="completions-by-course",
                    title=str(_("Completions by course")),
                    columns=[
                        ("course", _("Course")),
                        ("enrolled", _("Enrolled in the period")),
                        ("completed", _("Completed in the period")),
                        ("expiring", _("Certificates expiring in the next 90 days")),
                    ],
                    rows=course_rows,
                ),
                Table(
                    id="completions-by-agency",
                    title=str(_("Completions by agency")),
                    columns=[*AGENCY_COLUMNS, *PEOPLE_COLUMNS],
                    rows=agencies,
                ),
                Table(
                    id="completions-by-sector",
                    title=str(_("Completions by sector")),
                    columns=[("sector", _("Sector")), *PEOPLE_COLUMNS],
                    rows=sectors,
                ),
            ],
            notes=[
                str(
                    _(
                        "Completed means a certificate was issued in the period. Certificates "
                        "expiring are counted from today, whatever the dates chosen."
                    )
                )
            ],
        )


register_section(TrainingReachSection())
