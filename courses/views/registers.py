"""Registers and sign-in sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core import refusals

from .. import permissions, selectors, services
from ..models import (
    AbsenceReason,
    BookingStatus,
    TrainingSession,
)
from ..services import no_shows
from .common import session_or_404

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


def _register_marks(post) -> dict[tuple[int, int], bool]:
    """(booking id, part id) -> attended, for the cells the register showed. Anything that
    does not parse becomes a key the service refuses."""
    shown = post.getlist("marked")
    ticked = set(post.getlist("attended"))
    marks = {}
    for value in [*shown, *(t for t in ticked if t not in shown)]:
        try:
            booking_id, part_id = (int(n) for n in value.split("-"))
        except ValueError:
            booking_id, part_id = -1, -1
        if value not in shown:
            booking_id = -1
        marks[(booking_id, part_id)] = value in ticked
    return marks


@login_required
def register(request, session_id):
    """The trainer's register: tick who was at each part. Self check-ins arrive ticked and
    are confirmed when the register is saved."""
    session = _register_session(request, session_id)
    if request.method == "POST":
        try:
            count = services.attendance_record(
                session=session,
                marked_by=request.user,
                marks=_register_marks(request.POST),
                reasons=_reasons_from(request.POST),
            )
        except services.CourseRefusal as error:
            refusals.show(request, error)
        else:
            messages.success(request, _("Register saved (%(count)s changed).") % {"count": count})
            return redirect("courses:register", session_id=session.pk)
    now = timezone.now()
    return render(
        request,
        "courses/register.html",
        {
            "session": session,
            "rows": selectors.register_rows(session, now=now),
            "parts": list(session.parts.all()),
            "not_open": services.register_refusal(session, now),
            "now": now,
            "reasons": AbsenceReason.choices,
            "note_length": no_shows.NOTE_LENGTH,
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
    return render(
        request,
        "courses/sign_in_sheet.html",
        {"session": session, "bookings": bookings, "parts": list(session.parts.all())},
    )
