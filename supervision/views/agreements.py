"""Supervision agreements: supervisors and partnership admins propose them, the supervisee
accepts or declines, and either party or an admin ends them. Agreements hold no supervision
content, so admins may read them; they never see anything derived from records."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elearning.accounts.roles import Role, has_role

from .. import permissions, services
from ..forms import AgreementAnswerForm, AgreementForm
from ..models import AgreementState, RecordStatus
from ..selectors import next_due
from .common import agreement_or_404, service_kwargs, supervision_view


@supervision_view
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
        {"page_obj": page, "can_create": permissions.can_propose_agreement(request.user)},
    )


@supervision_view
def agreement_create(request):
    if not permissions.can_propose_agreement(request.user):
        raise Http404
    # Supervisors propose agreements with themselves as supervisor; admins name both people.
    fixed = None if has_role(request.user, Role.ADMIN) else request.user
    form = AgreementForm(request.POST or None, fixed_supervisor=fixed)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_propose(
                **form.parties(), **form.terms(), **service_kwargs(request)
            )
        except services.SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Agreement proposed. It starts once %(name)s accepts it; both of you have "
                    "been e-mailed."
                )
                % {"name": agreement.supervisee.get_full_name() or agreement.supervisee.email},
            )
            return redirect(agreement)
    return render(
        request, "supervision/agreement_form.html", {"form": form, "fixed_supervisor": fixed}
    )


@supervision_view
def agreement_edit(request, agreement_id):
    agreement = agreement_or_404(request, agreement_id)
    if not permissions.can_change_proposal(request.user, agreement):
        if permissions.is_agreement_party(request.user, agreement) or has_role(
            request.user, Role.ADMIN
        ):
            messages.error(
                request,
                _(
                    "Only a proposal waiting for the supervisee can be changed. To change an "
                    "accepted agreement, end it and propose a new one."
                ),
            )
            return redirect(agreement)
        raise Http404
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(
                agreement=agreement, **form.terms(), **service_kwargs(request)
            )
        except services.SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Proposal changed. Both of you have been e-mailed."))
            return redirect(agreement)
    return render(
        request, "supervision/agreement_form.html", {"form": form, "agreement": agreement}
    )


@supervision_view
def agreement_detail(request, agreement_id):
    """The agreement's own facts. Its records, and when supervision is next due, are shown to
    its parties only, and only while they may read them."""
    agreement = agreement_or_404(request, agreement_id)
    user = request.user
    is_party = permissions.is_agreement_party(user, agreement)
    records = due = None
    if is_party:
        records = list(
            permissions.records_visible_to(user, agreement.records.all()).order_by("-held_on")
        )
        if agreement.is_current():
            last_held = agreement.records.aggregate(last=Max("held_on"))["last"]
            due = next_due(agreement, last_held)
    answer_form = None
    if permissions.can_answer_agreement(user, agreement):
        answer_form = AgreementAnswerForm(initial={"terms_version": agreement.terms_version})
    return render(
        request,
        "supervision/agreement_detail.html",
        {
            "agreement": agreement,
            "state": agreement.state(),
            "is_party": is_party,
            "records": records,
            "next_due": due,
            "answer_form": answer_form,
            "can_change": permissions.can_change_proposal(user, agreement),
            "can_end": permissions.can_end_agreement(user, agreement),
            "can_start": permissions.can_start_record(user, agreement),
            "grace_days": permissions.grace_period().days,
            "RecordStatus": RecordStatus,
        },
    )


@supervision_view
def agreement_answer(request, agreement_id):
    """The supervisee accepts or declines a proposal (GET shows the proposal again)."""
    agreement = agreement_or_404(request, agreement_id)
    if not permissions.can_answer_agreement(request.user, agreement):
        if permissions.is_agreement_party(request.user, agreement):
            messages.error(request, _("This agreement is not waiting for your answer."))
            return redirect(agreement)
        raise Http404
    form = AgreementAnswerForm(
        request.POST or None, initial={"terms_version": agreement.terms_version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["answer"] == "accept":
                services.agreement_accept(
                    agreement=agreement,
                    terms_version=data["terms_version"],
                    **service_kwargs(request),
                )
                messages.success(request, _("You have accepted the agreement."))
            else:
                services.agreement_decline(
                    agreement=agreement,
                    terms_version=data["terms_version"],
                    reason=data["reason"],
                    **service_kwargs(request),
                )
                messages.success(request, _("You have declined the agreement."))
        except services.SupervisionError as error:
            form.add_error(None, str(error))
            # Show the terms as they are now, and answer those next time.
            agreement.refresh_from_db()
            data = form.data.copy()
            data["terms_version"] = agreement.terms_version
            form.data = data
        else:
            return redirect(agreement)
    return render(
        request,
        "supervision/agreement_detail.html",
        {
            "agreement": agreement,
            "state": agreement.state(),
            "is_party": True,
            "answer_form": form,
            "grace_days": permissions.grace_period().days,
        },
    )


@supervision_view
@require_POST
def agreement_end(request, agreement_id):
    agreement = agreement_or_404(request, agreement_id)
    if not (
        permissions.is_agreement_party(request.user, agreement)
        or has_role(request.user, Role.ADMIN)
    ):
        raise Http404
    was_proposal = agreement.state() == AgreementState.PROPOSED
    try:
        services.agreement_end(agreement=agreement, **service_kwargs(request))
    except services.SupervisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The proposal has been withdrawn.")
            if was_proposal
            else _("The agreement has ended. Both of you have been e-mailed."),
        )
    return redirect(agreement)
