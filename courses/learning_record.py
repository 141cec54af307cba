"""A person's own learning record, to download and keep (for example before they leave):
every certificate with its code, status, expiry and CPD hours, and sessions attended.

Only ever built for the person asking: the views take no person id, so nobody else's
record can be asked for."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from elearning.core.exports import csv_response, pdf_response
from elearning.core.pdf_cache import personal_pdf

from .models import Attendance, Booking, BookingStatus, Certificate, CertificateStatus

ATTENDED = (Attendance.ATTENDED, Attendance.PARTLY)


def certificates_held(user, *, today=None) -> dict:
    """Every certificate ``user`` was issued, oldest first, each with ``current_status``
    (current, expired or revoked) and, through ``replaced_codes``, the codes it had before a
    re-issue; and the CPD hours of the current and expired ones (a revoked certificate does
    not count). Two queries, however many certificates."""
    today = today or timezone.localdate()
    certificates = list(
        Certificate.objects.filter(enrolment__user=user)
        .prefetch_related("replaced_codes")
        .order_by("completed_on", "pk")
    )
    for certificate in certificates:
        certificate.current_status = certificate.status(today)
    return {
        "certificates": certificates,
        "cpd_hours": sum(
            (c.cpd_hours for c in certificates if c.current_status != CertificateStatus.REVOKED),
            start=0,
        ),
    }


def learning_record(user) -> dict:
    """The certificates ``user`` holds and the sessions they attended, oldest first."""
    sessions = list(
        Booking.objects.filter(user=user, status=BookingStatus.BOOKED, attendance__in=ATTENDED)
        .select_related("session__course")
        .order_by("session__starts_at", "pk")
    )
    return {**certificates_held(user), "sessions": sessions}


def _csv_rows(record: dict) -> list[list]:
    rows = []
    for certificate in record["certificates"]:
        rows.append(
            [
                _("Course completed"),
                certificate.course_title,
                certificate.completed_on.isoformat(),
                certificate.code,
                certificate.expires_on.isoformat() if certificate.expires_on else "",
                _status_text(certificate),
                certificate.cpd_hours,
            ]
        )
    for booking in record["sessions"]:
        rows.append(
            [
                _("Session attended")
                if booking.attendance == Attendance.ATTENDED
                else _("Session partly attended"),
                booking.session.course.title,
                timezone.localdate(booking.session.starts_at).isoformat(),
                "",
                "",
                "",
                "",
            ]
        )
    if record["certificates"]:
        rows.append(
            [
                _("Total CPD hours (current and expired certificates)"),
                "",
                "",
                "",
                "",
                "",
                record["cpd_hours"],
            ]
        )
    return rows


def _status_text(certificate) -> str:
    if certificate.revoked_at is not None:
        return _("Revoked on %(date)s") % {
            "date": timezone.localdate(certificate.revoked_at).isoformat()
        }
    return str(certificate.current_status.label)


@login_required
@require_GET
def learning_record_download(request, fmt: str):
    """The signed-in person's own learning record as CSV or PDF."""
    if fmt not in ("csv", "pdf"):
        raise Http404
    user = request.user
    record = learning_record(user)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        return csv_response(
            f"learning-record-{stamp}.csv",
            [
                _("What"),
                _("Course"),
                _("Date"),
                _("Certificate code"),
                _("Certificate expires"),
                _("Certificate status"),
                _("CPD hours"),
            ],
            _csv_rows(record),
        )
    html = render_to_string(
        "courses/learning_record_pdf.html",
        {
            **record,
            "person": user,
            "today": timezone.localdate(),
            "verify_url": request.build_absolute_uri(reverse("courses:verify")),
        },
        request=request,
    )
    pdf = personal_pdf(request, kind="learning_record", html=html, title=_("My learning record"))
    if isinstance(pdf, HttpResponse):
        return pdf
    return pdf_response(f"learning-record-{stamp}.pdf", pdf)
