"""Interest lists: learners register or withdraw interest and answer offers; partnership staff
see the demand and offer a session's places to the list."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from elearning.core import refusals

from .. import permissions
from ..models import CourseInterest
from ..services import CourseRefusal
from ..services import interest_lists as services
from .common import _MAX_ID, course_or_404, session_or_404


def _own_interest_or_404(request, interest_id) -> CourseInterest:
    if not 0 < interest_id <= _MAX_ID:
        raise Http404
    interest = get_object_or_404(
        CourseInterest.objects.select_related("course", "offered_session"), pk=interest_id
    )
    if not permissions.can_answer_interest(request.user, interest):
        raise Http404
    return interest


def _course_page(course):
    return redirect(course.url or "/")


@login_required
@require_POST
def interest_register(request, course_id):
    course = course_or_404(course_id, live=True)
    try:
        services.interest_register(user=request.user, course=course)
    except CourseRefusal as error:
        refusals.show(request, error)
    else:
        messages.success(
            request,
            _(
                "You are on the interest list. When a date is added we will e-mail you in the "
                "order people registered, and hold a place for you for a few days."
            ),
        )
    return _course_page(course)


@login_required
@require_POST
def interest_withdraw(request, interest_id):
    interest = _own_interest_or_404(request, interest_id)
    try:
        services.interest_withdraw(interest=interest, user=request.user)
    except CourseRefusal as error:
        refusals.show(request, error)
    else:
        messages.success(request, _("You have left the interest list for this course."))
    return _course_page(interest.course)


@login_required
@require_POST
def interest_decline(request, interest_id):
    interest = _own_interest_or_404(request, interest_id)
    try:
        services.interest_offer_decline(interest=interest, user=request.user)
    except CourseRefusal as error:
        refusals.show(request, error)
    else:
        messages.success(
            request,
            _("You have declined the place. It will be offered to the next person on the list."),
        )
    return _course_page(interest.course)


@login_required
def interest_demand(request):
    """Partnership staff: who is waiting for a date, by course and by agency."""
    if not permissions.can_view_interest_demand(request.user):
        raise PermissionDenied
    courses = services.interest_demand()
    by_agency = Counter()
    for entry in courses:
        for agency, people in entry["agencies"]:
            by_agency[agency] += people
    return render(
        request,
        "courses/interest_demand.html",
        {
            "courses": courses,
            "by_agency": sorted(by_agency.items(), key=lambda pair: (-pair[1], pair[0])),
        },
    )


@login_required
@require_POST
def session_offer_interest(request, session_id):
    """Partnership staff offer a session's free places to its course's interest list."""
    session = session_or_404(session_id)
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    try:
        offered = services.interest_offers_make(by=request.user, session=session)
    except CourseRefusal as error:
        refusals.show(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s place offered to the interest list by e-mail.",
                "%(count)s places offered to the interest list by e-mail.",
                offered,
            )
            % {"count": offered},
        )
    if request.POST.get("next") == "demand":
        return redirect("courses:interest_demand")
    return redirect("courses:session_detail", session_id=session.pk)


# --- What the session page shows partnership staff -----------------------------------------


def session_interest_context(session, user) -> dict:
    """For partnership staff: how many are waiting on the course's interest list, and why the
    session's places cannot be offered to it, if they cannot. (What a learner holds on the
    session is part of ``selectors.session_booking_state``.)"""
    if not permissions.can_manage_sessions(user):
        return {}
    return {
        "interest_waiting": CourseInterest.objects.waiting()
        .filter(course_id=session.course_id)
        .count(),
        "offer_refusal": services.offer_refusal(session, timezone.now()),
    }
