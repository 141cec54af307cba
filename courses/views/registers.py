"""Registers and sign-in sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, selectors, services
from ..models import (
    AbsenceReason,
    Attendance,
    BookingStatus,
    TrainingSession,
)
from ..services import no_shows
from .common import refused, session_or_404

# --- Registers -----------------------------------------------------------------------------


def _register_session(request, session_id) -> TrainingSession:
    session = session_or_404(session_id)
    if not permissions.can_mark_register(request.user, session):
        raise PermissionDenied
    return session


def _reasons_from(post) -> dict:
    """Reasons for not attending sent with the register, by booking id."""
    reasons = {}
    for key, reason in post.items():
        if key.startswith("reason-"):
            raw = key.removeprefix("reason-")
            booking_id = int(raw) if raw.isdigit() else -1
            note = post.get(f"note-{raw}", "")
            reasons[booking_id] = no_shows.ReasonGiven(reason=reason, note=note)
    return reasons


@login_required
def register(request, session_id):
    """The trainer's register: mark each booked person attended, partly or did not attend."""
    session = _register_session(request, session_id)
    bookings = list(
        selectors.session_bookings(session)
        .filter(status=BookingStatus.BOOKED)
        .order_by("user__last_name", "user__first_name")
    )
    if request.method == "POST":
        marks = {}
        for key, value in request.POST.items():
            if key.startswith("attendance-"):
                try:
                    marks[int(key.removeprefix("attendance-"))] = value
                except ValueError:
                    marks[-1] = value
        try:
            count = services.attendance_record(
                session=session,
                marked_by=request.user,
                marks=marks,
                reasons=_reasons_from(request.POST),
            )
        except services.CourseRefusal as error:
            refused(request, error)
        else:
            messages.success(request, _("Register saved (%(count)s changed).") % {"count": count})
            return redirect("courses:register", session_id=session.pk)
    return render(
        request,
        "courses/register.html",
        {
            "session": session,
            "bookings": bookings,
            "choices": Attendance.choices,
            "reasons": AbsenceReason.choices,
            "note_length": no_shows.NOTE_LENGTH,
            "not_open": services.register_refusal(session, timezone.now()),
        },
    )


@login_required
def sign_in_sheet(request, session_id):
    session = _register_session(request, session_id)
    bookings = (
        selectors.session_bookings(session)
        .filter(status=BookingStatus.BOOKED)
        .order_by("user__last_name", "user__first_name")
    )
    return render(request, "courses/sign_in_sheet.html", {"session": session, "bookings": bookings})
