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

from .. import permissions
from ..models import OFFER_HOLDS_FOR, CourseInterest
from ..services import CourseRefusal
from ..services import interest_lists as services
from .common import _MAX_ID, course_or_404, refused, session_or_404


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
        refused(request, error)
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
        refused(request, error)
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
        refused(request, error)
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
        refused(request, error)
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


# --- What the course page and the session page show -----------------------------------------


def course_interest_context(course, user) -> dict:
    """The learner's place on the course's interest list, and whether they may join it."""
    if not course.has_sessions or course.archived:
        return {}
    now = timezone.now()
    interest = services.live_interest(user, course)
    return {
        "interest": interest,
        "interest_offer_held": interest is not None and interest.holds_offer(now),
        "interest_hold_days": OFFER_HOLDS_FOR.days,
        "can_register_interest": interest is None
        and not services.course_has_free_dates(course, now=now),
    }


def session_interest_context(session, user) -> dict:
    """An offer the learner holds on this session, places held for others, and for staff how
    many are waiting on the course's list."""
    now = timezone.now()
    offers = services.session_offers(session, now=now)
    mine = [o for o in offers if user.is_authenticated and o.user_id == user.pk]
    context = {
        "offer": mine[0] if mine else None,
        "held_for_others": len(offers) - len(mine),
    }
    if permissions.can_manage_sessions(user):
        context["interest_waiting"] = (
            CourseInterest.objects.waiting().filter(course_id=session.course_id).count()
        )
        context["offer_refusal"] = services.offer_refusal(session, now)
    return context
