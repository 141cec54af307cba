"""The old training report addresses. Training figures are sections of the partnership
reports (/reports/), under the same filters and disclosure control; these addresses send
bookmarks there: a course's report to the course drill-down, a session's to the drill-down
for its course on the day it ran."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from elearning.reports.permissions import can_view_partnership_reports

from .common import course_or_404, session_or_404


def _reports_url(params: dict | None = None) -> str:
    query = f"?{urlencode(params)}" if params else ""
    return f"{reverse('reports:index')}{query}#training-sessions"


def _refuse_unless_allowed(request):
    if not can_view_partnership_reports(request.user):
        raise Http404


@login_required
def reports(request):
    _refuse_unless_allowed(request)
    return HttpResponsePermanentRedirect(_reports_url())


@login_required
def report_session(request, session_id):
    _refuse_unless_allowed(request)
    session = session_or_404(session_id)
    day = timezone.localdate(session.starts_at).isoformat()
    return HttpResponsePermanentRedirect(
        _reports_url({"start": day, "end": day, "course": session.course_id})
    )


@login_required
def report_course(request, course_id):
    _refuse_unless_allowed(request)
    course = course_or_404(course_id)
    return HttpResponsePermanentRedirect(_reports_url({"course": course.pk}))
