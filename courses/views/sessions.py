"""Training sessions: the list, a session, booking and cancelling, calendar files and
managers' approvals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseGone
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elearning.accounts.services import approval_refusal
from elearning.core import refusals

from .. import permissions, selectors, services
from ..ics import session_calendar as build_calendar
from ..models import (
    ACTIVE,
    Booking,
    BookingStatus,
)
from .common import session_or_404
from .interest import session_interest_context

# --- Sessions and bookings -----------------------------------------------------------------


def session_list(request):
    return render(
        request,
        "courses/session_list.html",
        {"sessions": selectors.upcoming_sessions()},
    )


def session_detail(request, session_id):
    session = session_or_404(session_id)
    state = selectors.session_booking_state(session=session, user=request.user, now=timezone.now())
    return render(
        request,
        "courses/session_detail.html",
        {
            **session_interest_context(session, request.user),
            "session": session,
            "state": state,
            "show_joining": request.user.is_authenticated
            and permissions.can_see_joining_details(request.user, session, state.booking),
            "can_mark": permissions.can_mark_register(request.user, session),
        },
    )


@login_required
@require_POST
def session_book(request, session_id):
    session = session_or_404(session_id)
    try:
        booking = services.booking_create(session=session, user=request.user)
    except services.CourseRefusal as error:
        refusals.show(request, error)
    else:
        messages.success(
            request,
            {
                BookingStatus.BOOKED: _(
                    "Your place is confirmed. We have e-mailed you the details."
                ),
                BookingStatus.AWAITING_APPROVAL: _(
                    "We are holding a place for you until your line manager approves the booking."
                ),
                BookingStatus.WAITING: _(
                    "The session is full, so you are on the waiting list. You will get the next "
                    "place that comes up and we will e-mail you."
                ),
            }[booking.status],
        )
    return redirect("courses:session_detail", session_id=session.pk)


@login_required
def booking_cancel(request, booking_id):
    """GET asks the learner to confirm; only POST cancels."""
    booking = get_object_or_404(Booking.objects.select_related("session__course"), pk=booking_id)
    if not permissions.can_cancel_booking(request.user, booking):
        raise Http404
    session = booking.session
    if request.method == "POST":
        try:
            services.booking_cancel(booking=booking, user=request.user)
        except services.CourseRefusal as error:
            refusals.show(request, error)
        else:
            messages.success(request, _("Your booking has been cancelled."))
        return redirect("courses:session_detail", session_id=booking.session_id)
    if booking.status not in ACTIVE:
        messages.error(request, _("This booking has already been cancelled."))
        return redirect("courses:session_detail", session_id=booking.session_id)
    return render(
        request,
        "courses/booking_cancel.html",
        {
            "booking": booking,
            "session": session,
            "past_cut_off": selectors.booking_past_cut_off(booking, now=timezone.now()),
        },
    )


@login_required
def session_ics(request, session_id):
    """The calendar file, for people with a confirmed place and those who run the session.
    None once the session has ended: there is nothing left to put in a calendar."""
    session = session_or_404(session_id)
    if session.ends_at <= timezone.now():
        return HttpResponseGone(_("This session has ended, so it has no calendar file."))
    booking = Booking.objects.filter(
        session=session, user=request.user, status=BookingStatus.BOOKED
    ).first()
    if booking is None and not permissions.can_mark_register(request.user, session):
        raise Http404
    response = HttpResponse(
        build_calendar(
            session,
            include_joining_details=permissions.can_see_joining_details(
                request.user, session, booking
            ),
            attendee=request.user if booking else None,
            cancelled=session.is_cancelled,
        ),
        content_type="text/calendar",
    )
    response["Content-Disposition"] = 'attachment; filename="training-session.ics"'
    return response


@login_required
def approvals(request):
    pending = permissions.bookings_decidable_by(
        request.user,
        Booking.objects.filter(status=BookingStatus.AWAITING_APPROVAL).select_related(
            "user__agency", "session__course"
        ),
    )
    if request.method == "POST":
        booking = (
            pending.filter(pk=request.POST.get("booking") or 0).first()
            if str(request.POST.get("booking", "")).isdigit()
            else None
        )
        if booking is None:
            messages.error(request, _approval_refused_message(request))
        else:
            approve = request.POST.get("decision") == "approve"
            try:
                services.booking_decide(booking=booking, approver=request.user, approve=approve)
            except services.CourseRefusal as error:
                refusals.show(request, error)
            else:
                messages.success(
                    request, _("Booking approved.") if approve else _("Booking declined.")
                )
        return redirect("courses:approvals")
    return render(request, "courses/approvals.html", {"pending": pending})


def _approval_refused_message(request) -> str:
    """Someone named but not (or no longer) confirmed as the learner's manager is told why;
    anyone else learns nothing about the booking."""
    booking_id = str(request.POST.get("booking", ""))
    booking = (
        Booking.objects.filter(pk=int(booking_id), status=BookingStatus.AWAITING_APPROVAL)
        .select_related("user")
        .first()
        if booking_id.isdigit() and int(booking_id) < 2**63
        else None
    )
    if booking is not None and booking.user.manager_links.filter(manager=request.user).exists():
        return approval_refusal(request.user, booking.user)
    return _("That booking is no longer waiting for your approval.")
