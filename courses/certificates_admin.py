"""Certificates in the publishing admin: partnership staff find a certificate by its code or
the learner, see its history, and revoke or re-issue it with a reason.

Registered in ``wagtail_hooks``. Every view asks ``permissions.can_manage_certificates``; the
rules (and the audit log entries) are in ``services.certificates``.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic

from . import permissions, services
from .models import Certificate
from .services.certificates import REASON_MAX_LENGTH, certificate_history

# Certificate ids come from the URL; Django does not range-check them before the database.
_MAX_ID = 2**63 - 1


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.status().label


class CertificateIndexView(generic.IndexView):
    """Every certificate, newest first, searchable by code, learner name or e-mail address,
    or course title."""

    model = Certificate
    # Access is ``permissions.can_manage_certificates`` (in dispatch), not model permissions.
    permission_policy = None
    any_permission_required = None
    page_title = gettext_lazy("Certificates")
    header_icon = "doc-full"
    index_url_name = "certificates:index"
    index_results_url_name = "certificates:index_results"
    search_fields = ["code", "learner_name", "enrolment__user__email", "course_title"]
    default_ordering = "-issued_at"
    paginate_by = 50
    columns = [
        TitleColumn(
            "code",
            label=gettext_lazy("Code"),
            get_url=lambda c: reverse("certificates:detail", args=[c.pk]),
        ),
        Column("learner_name", label=gettext_lazy("Learner")),
        Column("course_title", label=gettext_lazy("Course")),
        DateColumn("completed_on", label=gettext_lazy("Completed")),
        DateColumn("expires_on", label=gettext_lazy("Expires")),
        StatusColumn("status", label=gettext_lazy("Status")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_manage_certificates(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return permissions.certificates_manageable_by(
            self.request.user, Certificate.objects.all()
        ).order_by("-issued_at", "-pk")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": self.search_query})
        # A code typed without its dash, in lower case or with spaces still finds it, and an
        # old code finds the certificate that replaced it.
        try:
            code = services.certificate_code_normalise(self.search_query)
        except services.CourseRefusal:
            pass
        else:
            query |= Q(code=code) | Q(replaced_codes__code=code)
        return queryset.filter(query).distinct()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("Enter the reason."),
            "max_length": gettext_lazy("The reason must be 1000 characters or fewer."),
        },
    )


def _certificate_or_404(request, certificate_id: int) -> Certificate:
    if not permissions.can_manage_certificates(request.user):
        raise PermissionDenied
    if not 0 < certificate_id <= _MAX_ID:
        raise Http404
    return get_object_or_404(
        Certificate.objects.select_related("enrolment__user", "enrolment__course"),
        pk=certificate_id,
    )


@require_GET
def certificate_detail(request, certificate_id: int):
    """One certificate: what its public check shows, the codes it replaced, its history."""
    certificate = _certificate_or_404(request, certificate_id)
    return TemplateResponse(
        request,
        "courses/admin/certificate_detail.html",
        {
            "certificate": certificate,
            "status": certificate.status(),
            "replaced_codes": certificate.replaced_codes.all(),
            "history": certificate_history(certificate),
            "page_title": _("Certificate %(code)s") % {"code": certificate.code},
        },
    )


def _reason_view(request, certificate_id: int, *, action: str):
    certificate = _certificate_or_404(request, certificate_id)
    detail_url = reverse("certificates:detail", args=[certificate.pk])
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = (
            services.certificate_revoke if action == "revoke" else services.certificate_reissue
        )
        try:
            certificate = service(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.CourseRefusal as refusal:
            if hasattr(refusal, "error_dict"):
                for field, errors in refusal.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                form.add_error(None, refusal)
        else:
            if action == "revoke":
                message = _(
                    "Certificate %(code)s has been revoked. Its check now says so, and the "
                    "learner has been e-mailed the reason."
                ) % {"code": certificate.code}
            else:
                message = _(
                    "Certificate re-issued with the new code %(code)s. The old code's check "
                    "now says it was replaced, and the learner has been e-mailed."
                ) % {"code": certificate.code}
            messages.success(request, message)
            return redirect(detail_url)
    return TemplateResponse(
        request,
        "courses/admin/certificate_reason.html",
        {
            "certificate": certificate,
            "form": form,
            "action": action,
            "detail_url": detail_url,
            "page_title": (
                _("Revoke certificate") if action == "revoke" else _("Re-issue certificate")
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def certificate_revoke(request, certificate_id: int):
    return _reason_view(request, certificate_id, action="revoke")


@require_http_methods(["GET", "POST"])
def certificate_reissue(request, certificate_id: int):
    return _reason_view(request, certificate_id, action="reissue")
