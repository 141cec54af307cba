"""A learner's certificate as a PDF, and the public check anyone can make of a code."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from elearning.core import ratelimit
from elearning.core.exports import pdf_response
from elearning.core.pdf_cache import personal_pdf

from .. import permissions, services
from ..forms import VerifyForm
from ..models import Certificate

CHECK_RATE_ACTION = "certificate_check"


@login_required
def certificate_pdf(request, code):
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__user", "enrolment__course"), code=code
    )
    if not permissions.can_view_certificate(request.user, certificate):
        raise Http404
    if certificate.revoked_at is not None:
        # Never offered as a current certificate once revoked: the page says so instead.
        return render(
            request,
            "courses/certificate_revoked.html",
            {"certificate": certificate},
            status=410,
        )
    html = render_to_string(
        "courses/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": request.build_absolute_uri(reverse("courses:verify")),
        },
        request=request,
    )
    pdf = personal_pdf(
        request,
        kind="certificate",
        html=html,
        title=_("Certificate of completion: %(course)s") % {"course": certificate.course_title},
    )
    if isinstance(pdf, HttpResponse):
        return pdf
    return pdf_response(f"certificate-{certificate.code}.pdf", pdf)


def _check_allowed(request) -> bool:
    """Counted per client for each code actually looked up."""
    return ratelimit.hit(
        request, app="courses", action=CHECK_RATE_ACTION, rate=settings.CERTIFICATE_CHECK_RATE_LIMIT
    )


@never_cache
@require_GET
def verify(request):
    """Public check of a certificate code, for employers (nobody needs to sign in): whose it
    is, the course, completion and expiry dates, and whether it is current, expired, revoked
    or replaced. Never cached, so nobody is shown the answer for someone else's code."""
    form = VerifyForm(request.GET or None)
    check = None
    checked = False
    status = 200
    if form.is_valid():
        if _check_allowed(request):
            check = services.certificate_check(form.cleaned_data["code"])
            checked = True
        else:
            form.add_error(
                "code",
                _(
                    "You have checked a lot of codes in a short time. Wait a few minutes, "
                    "then try again."
                ),
            )
            status = 429
    return render(
        request,
        "courses/verify.html",
        {"form": form, "check": check, "checked": checked},
        status=status,
    )
