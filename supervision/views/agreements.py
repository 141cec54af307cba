"""Supervision agreements: partnership admins and supervisors set them up; both parties read
them. They hold no supervision content, so admins may manage them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from elearning.accounts.roles import Role, has_role

from .. import permissions, services
from ..forms import AgreementForm
from ..models import Agreement, RecordStatus
from ..selectors import next_due


@login_required
def agreement_list(request):
    agreements = (
        permissions.agreements_visible_to(request.user)
        .select_related("supervisee", "supervisor")
        .order_by("supervisee__last_name", "-starts_on", "pk")
    )
    page = Paginator(agreements, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/agreement_list.html",
        {"page_obj": page, "can_create": permissions.can_create_agreement(request.user)},
    )


def _save(request, form, template, context):
    if request.method == "POST" and form.is_valid():
        agreement = form.save(commit=False)
        try:
            services.agreement_save(by=request.user, agreement=agreement)
        except services.SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Agreement saved."))
            return redirect(agreement)
    return render(request, template, {"form": form, **context})


@login_required
def agreement_create(request):
    if not permissions.can_create_agreement(request.user):
        raise Http404
    # Supervisors set up agreements with themselves as supervisor; admins name both people.
    fixed = None if has_role(request.user, Role.ADMIN) else request.user
    form = AgreementForm(request.POST or None, fixed_supervisor=fixed)
    return _save(request, form, "supervision/agreement_form.html", {"fixed_supervisor": fixed})


def _agreement_or_404(request, agreement_id) -> Agreement:
    agreement = get_object_or_404(
        Agreement.objects.select_related("supervisee", "supervisor"), pk=agreement_id
    )
    if not permissions.can_view_agreement(request.user, agreement):
        raise Http404
    return agreement


@login_required
def agreement_edit(request, agreement_id):
    agreement = _agreement_or_404(request, agreement_id)
    if not permissions.can_change_agreement(request.user, agreement):
        raise Http404
    form = AgreementForm(request.POST or None, instance=agreement)
    return _save(request, form, "supervision/agreement_form.html", {"agreement": agreement})


@login_required
def agreement_detail(request, agreement_id):
    """The agreement itself. Its records are listed only for its two parties."""
    agreement = _agreement_or_404(request, agreement_id)
    is_party = request.user.pk in (agreement.supervisee_id, agreement.supervisor_id)
    records = (
        permissions.records_visible_to(request.user, agreement.records.all()).order_by("-held_on")
        if is_party
        else None
    )
    last_held = agreement.records.aggregate(last=Max("held_on"))["last"]
    return render(
        request,
        "supervision/agreement_detail.html",
        {
            "agreement": agreement,
            "is_party": is_party,
            "records": records,
            "next_due": next_due(agreement, last_held),
            "can_change": permissions.can_change_agreement(request.user, agreement),
            "RecordStatus": RecordStatus,
        },
    )
