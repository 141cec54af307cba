"""Course and session reports for partnership staff."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .. import permissions, selectors
from ..models import (
    Certificate,
    CoursePage,
    Enrolment,
    TrainingSession,
)

# --- Reports -------------------------------------------------------------------------------
from .common import session_or_404


def _reports_allowed(request):
    if not permissions.can_view_course_reports(request.user):
        raise PermissionDenied


def _csv(filename: str, header: list[str], rows: list[list]):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        # Cells starting with formula characters are neutralised for spreadsheet safety.
        writer.writerow(["'" + str(c) if str(c)[:1] in ("=", "+", "-", "@") else c for c in row])
    return response


AGENCY_HEADER = ["Agency", "Sector", "Booked", "Attended", "Partly attended", "Did not attend"]


def _agency_rows(rows):
    return [
        [r["agency"], r["sector"], r["booked"], r["attended"], r["partly"], r["no_show"]]
        for r in rows
    ]


@login_required
def reports(request):
    _reports_allowed(request)
    sessions = TrainingSession.objects.all()
    summary = selectors.sessions_summary(sessions.order_by("-starts_at"))
    if request.GET.get("format") == "csv":
        return _csv(
            "training-sessions.csv",
            [
                "Course",
                "Starts",
                "Places",
                "Booked",
                "Awaiting approval",
                "Filled %",
                "Waiting list",
                "Attended",
                "Partly attended",
                "Did not attend",
            ],
            [
                [
                    r["session"].course.title,
                    timezone.localtime(r["session"].starts_at).isoformat(),
                    r["capacity"],
                    r["booked"],
                    r["pending"],
                    r["filled_percent"],
                    r["waiting"],
                    r["attended"],
                    r["partly"],
                    r["no_show"],
                ]
                for r in summary
            ],
        )
    return render(
        request,
        "courses/reports.html",
        {
            "summary": summary,
            "totals": selectors.places_filled(sessions),
            "courses": CoursePage.objects.live().order_by("title"),
        },
    )


@login_required
def report_session(request, session_id):
    _reports_allowed(request)
    session = session_or_404(session_id)
    sessions = TrainingSession.objects.filter(pk=session.pk)
    by_agency = selectors.attendance_by_agency(sessions)
    if request.GET.get("format") == "csv":
        return _csv(f"session-{session.pk}-attendance.csv", AGENCY_HEADER, _agency_rows(by_agency))
    return render(
        request,
        "courses/report_session.html",
        {
            "session": session,
            "counts": selectors.sessions_summary(sessions)[0],
            "by_agency": by_agency,
            "by_sector": selectors.attendance_by_sector(sessions),
            "confidence": selectors.session_confidence(session),
        },
    )


@login_required
def report_course(request, course_id):
    _reports_allowed(request)
    course = get_object_or_404(CoursePage, pk=course_id)
    sessions = TrainingSession.objects.filter(course=course)
    by_agency = selectors.attendance_by_agency(sessions)
    if request.GET.get("format") == "csv":
        return _csv(f"course-{course.pk}-attendance.csv", AGENCY_HEADER, _agency_rows(by_agency))
    enrolments = Enrolment.objects.filter(course=course)
    return render(
        request,
        "courses/report_course.html",
        {
            "course": course,
            "summary": selectors.sessions_summary(sessions),
            "totals": selectors.places_filled(sessions),
            "by_agency": by_agency,
            "by_sector": selectors.attendance_by_sector(sessions),
            "confidence": selectors.confidence_summary(enrolments),
            "completed": Certificate.objects.filter(enrolment__course=course).count(),
            "completion_by_agency": selectors.completions_by_agency(enrolments),
        },
    )
