"""Registers and sign-in sheets, certificates and their public check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core.exports import pdf_response
from elearning.core.pdf import render_pdf, request_base_url

from .. import permissions, selectors, services
from ..forms import VerifyForm
from ..models import (
    BookingStatus,
    Certificate,
    TrainingSession,
)
from .common import refused, session_or_404

# --- Registers -----------------------------------------------------------------------------


def _register_session(request, session_id) -> TrainingSession:
    session = session_or_404(session_id)
    if not permissions.can_mark_register(request.user, session):
        raise PermissionDenied
    return session


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
                session=session, marked_by=request.user, marks=_register_marks(request.POST)
            )
        except services.CourseRefusal as error:
            refused(request, error)
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


# --- Certificates --------------------------------------------------------------------------


@login_required
def certificate_pdf(request, code):
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__user", "enrolment__course"), code=code
    )
    if not permissions.can_view_certificate(request.user, certificate):
        raise Http404
    html = render_to_string(
        "courses/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": request.build_absolute_uri(reverse("courses:verify")),
        },
        request=request,
    )
    pdf = render_pdf(
        html,
        base_url=request_base_url(request),
        title=_("Certificate of completion: %(course)s") % {"course": certificate.course_title},
    )
    return pdf_response(f"certificate-{certificate.code}.pdf", pdf)


def verify(request):
    """Public check of a certificate code: valid, expired or unknown, and nothing else."""
    result = None
    certificate = None
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        result, certificate = services.certificate_lookup(form.cleaned_data["code"])
    return render(
        request,
        "courses/verify.html",
        {"form": form, "result": result, "certificate": certificate},
    )
