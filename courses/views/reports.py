"""Course and session reports for partnership staff."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.core.exports import csv_response, download_refused
from elearning.reports.permissions import can_view_partnership_reports

from .. import selectors
from ..forms import ReportFormatForm
from ..models import (
    Certificate,
    CoursePage,
    Enrolment,
    TrainingSession,
)
from .common import course_or_404, session_or_404

# --- Reports -------------------------------------------------------------------------------


def _reports_allowed(request):
    if not can_view_partnership_reports(request.user):
        raise PermissionDenied


def _format(request):
    """``(format, None)`` for a format the reports offer ("" for the page, "csv"), or
    ``(None, refusal)``: an unknown format is refused with the reason, not ignored."""
    form = ReportFormatForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["format"], None
    return None, download_refused(
        request,
        form=form,
        title=_("The report could not be shown"),
        back_url=request.path,
        back_text=_("Back to the report"),
    )


AGENCY_HEADER = ["Agency", "Sector", "Booked", "Attended", "Partly attended", "Did not attend"]


def _agency_rows(rows):
    return [
        [r["agency"], r["sector"], r["booked"], r["attended"], r["partly"], r["no_show"]]
        for r in rows
    ]


@login_required
def reports(request):
    _reports_allowed(request)
    fmt, refusal = _format(request)
    if refusal:
        return refusal
    sessions = TrainingSession.objects.all()
    summary = selectors.sessions_summary(sessions.order_by("-starts_at"))
    if fmt == "csv":
        return csv_response(
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
    fmt, refusal = _format(request)
    if refusal:
        return refusal
    sessions = TrainingSession.objects.filter(pk=session.pk)
    by_agency = selectors.attendance_by_agency(sessions)
    if fmt == "csv":
        return csv_response(
            f"session-{session.pk}-attendance.csv", AGENCY_HEADER, _agency_rows(by_agency)
        )
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
    course = course_or_404(course_id)
    fmt, refusal = _format(request)
    if refusal:
        return refusal
    sessions = TrainingSession.objects.filter(course=course)
    by_agency = selectors.attendance_by_agency(sessions)
    if fmt == "csv":
        return csv_response(
            f"course-{course.pk}-attendance.csv", AGENCY_HEADER, _agency_rows(by_agency)
        )
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
