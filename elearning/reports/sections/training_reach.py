"""Training reach: who completed each course, by agency and sector, and certificates that
run out soon (so that refresher places can be planned)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Certificate, Enrolment
from courses.selectors import certificate_figures, enrolment_figures

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
    sector_and_agency_tables,
    sector_chart,
    sector_totals,
    with_agency_labels,
)

EXPIRY_DAYS = 90

# A person has one enrolment (and so at most one certificate) per course, so every count on
# a course row is a count of people.
COURSE_COLUMNS = [
    label("course", _("Course")),
    count("enrolled", _("Enrolled in the period")),
    count("completed", _("Completed in the period")),
    count("expiring", _("Certificates expiring in the next 90 days")),
]
PEOPLE_COLUMNS = [
    count("completed_people", _("People who completed a course")),
    count("completed", _("Courses completed"), people="completed_people"),
    count("expiring_people", _("People with a certificate expiring in 90 days")),
]
PEOPLE_KEYS = ("completed_people", "completed", "expiring_people")


class TrainingReachSection(Section):
    slug = "training-reach"
    order = 20
    title = _("Training reach")
    summary = _(
        "People who completed each course in the period, by agency and sector, and "
        "certificates that expire in the next 90 days."
    )
    by_course = True

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        today = timezone.localdate()
        dates = {
            "completed_between": (filters.start, filters.end),
            "expiring_between": (today, today + datetime.timedelta(days=EXPIRY_DAYS)),
        }
        certificates = Certificate.objects.filter(
            **filters.people_filter(), **filters.course_filter("enrolment__course")
        )
        enrolments = Enrolment.objects.filter(
            in_period("enrolled_at", filters),
            **filters.people_filter(),
            **filters.course_filter(),
        )

        courses: dict[int, dict] = {}
        for row in enrolment_figures(enrolments, ("course_id", "course__title")):
            courses[row["course_id"]] = {
                "course": row["course__title"],
                "_course": row["course_id"],
                "enrolled": row["enrolled"],
                "completed": 0,
                "expiring": 0,
            }
        course_fields = ("enrolment__course_id", "enrolment__course__title")
        for row in certificate_figures(certificates, course_fields, **dates):
            entry = courses.setdefault(
                row["enrolment__course_id"],
                {
                    "course": row["enrolment__course__title"],
                    "_course": row["enrolment__course_id"],
                    "enrolled": 0,
                },
            )
            entry.update(completed=row["completed"], expiring=row["expiring"])
        course_rows = sorted(courses.values(), key=lambda r: str(r["course"]))

        agencies = with_agency_labels(certificate_figures(certificates, by_agency(), **dates))
        totals = column_totals(agencies, PEOPLE_KEYS)
        sectors = sector_totals(agencies, PEOPLE_KEYS)

        return SectionResult(
            figures=[
                Figure(_("People who completed a course"), totals["completed_people"], Kind.COUNT),
                Figure(
                    _("Courses completed"),
                    totals["completed"],
                    Kind.COUNT,
                    people=totals["completed_people"],
                ),
                Figure(
                    _("People with a certificate expiring in the next 90 days"),
                    totals["expiring_people"],
                    Kind.COUNT,
                ),
            ],
            tables=[
                Table(
                    id="completions-by-course",
                    title=str(_("Completions by course")),
                    columns=COURSE_COLUMNS,
                    rows=course_rows,
                    chart=bar_chart(
                        _("Completions by course"),
                        _("People who completed each course in the period."),
                        "course",
                        "completed",
                    ),
                ),
                *sector_and_agency_tables(
                    ids=("completions-by-sector", "completions-by-agency"),
                    titles=(_("Completions by sector"), _("Completions by agency")),
                    columns=PEOPLE_COLUMNS,
                    sectors=sectors,
                    agencies=agencies,
                    chart=sector_chart(
                        _("People completing training, by sector"),
                        _("People who completed at least one course in the period."),
                        "completed_people",
                    ),
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


section = TrainingReachSection()
