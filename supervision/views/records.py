"""Records: start, read, edit the header while draft, send, sign, return to draft, add addenda."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, selectors, services
from ..forms import (
    ActionsReviewForm,
    AddendumForm,
    GeneralActionForm,
    RecordEditForm,
    RecordForm,
    ShareForm,
    SignForm,
)
from ..models import Agreement, Record, RecordStatus
from .common import client_ip, record_or_404, service_kwargs, supervision_view
from .editing import attempt_change, draft_or_detail, refuse, versioned_post


@supervision_view
def record_start(request, agreement_id):
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    if not permissions.is_agreement_party(request.user, agreement):
        raise Http404
    if not permissions.can_start_record(request.user, agreement):
        messages.error(
            request,
            _(
                "Records can only be started under an agreement that the supervisee has "
                "accepted, that has started and that has not ended."
            ),
        )
        return redirect(agreement)
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_start(
                agreement=agreement, **form.cleaned_data, **service_kwargs(request)
            )
        except services.SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Record started. Work through each part, then send it "
                    "to the other party to sign."
                ),
            )
            return redirect(record)
    return render(request, "supervision/record_start.html", {"form": form, "agreement": agreement})


@supervision_view
def record_detail(request, record_id):
    record = record_or_404(request, record_id)
    user = request.user
    access = permissions.record_access(user, record)
    party = record.party(user) if access != permissions.SHARED else None
    can_share = permissions.can_share_record(user, record)
    can_edit = permissions.can_edit_record(user, record)
    return render(
        request,
        "supervision/record_detail.html",
        {
            "record": record,
            "party": party,
            **selectors.record_contents(record),
            "access": access,
            "grace_days": permissions.grace_period().days,
            "shared_view": access == permissions.SHARED,
            "can_edit": can_edit,
            "can_sign": permissions.can_sign_record(user, record),
            "can_return": permissions.can_return_record(user, record),
            "can_escalate": permissions.can_escalate(user, record),
            "can_export": permissions.can_export_record(user, record),
            # Said before the person tries to send it, as well as when they do.
            "empty_message": services.EMPTY_RECORD
            if can_edit and not services.record_has_content(record)
            else "",
            "addendum_form": AddendumForm() if permissions.can_add_addendum(user, record) else None,
            "share_form": ShareForm(recipients=permissions.share_recipients(user, record))
            if can_share
            else None,
            "shares": list(record.shares.select_related("shared_with")) if can_share else [],
        },
    )


@supervision_view
def record_edit(request, record_id):
    record = record_or_404(request, record_id, what="Record (edit)")
    refused = draft_or_detail(request, record)
    if refused:
        return refused
    form = RecordEditForm(
        request.POST or None, instance=record, initial={"version": record.version}
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        record = Record.objects.select_related("agreement").get(pk=record.pk)
        if attempt_change(
            request,
            form,
            lambda: services.record_update(
                record=record,
                version=form.cleaned_data["version"],
                **fields,
                **service_kwargs(request),
            ),
        ):
            messages.success(request, _("Record saved."))
            return redirect(record)
    return render(request, "supervision/record_edit.html", {"form": form, "record": record})


@supervision_view
def actions_review(request, record_id):
    """Progress on actions carried forward, and actions that belong to no one case."""
    record = record_or_404(request, record_id, what="Actions")
    refused = draft_or_detail(request, record)
    if refused:
        return refused
    actions = list(record.actions.filter(carried_from__isnull=False).select_related("case"))
    review = ActionsReviewForm(
        request.POST if "review" in request.POST else None,
        actions=actions,
        initial={"version": record.version},
        prefix="review",
    )
    add = GeneralActionForm(
        request.POST if "add" in request.POST else None,
        initial={"version": record.version},
        prefix="add",
    )
    if request.method == "POST" and "review" in request.POST and review.is_valid():
        if attempt_change(
            request,
            review,
            lambda: services.actions_review(
                record=record,
                version=review.cleaned_data["version"],
                updates=review.updates(),
                **service_kwargs(request),
            ),
        ):
            messages.success(request, _("Actions updated."))
            return redirect(record)
    elif request.method == "POST" and "add" in request.POST and add.is_valid():
        data = add.cleaned_data
        if not data.get("description"):
            add.add_error("description", _("Describe the action."))
        elif attempt_change(
            request,
            add,
            lambda: services.action_add(
                record=record,
                version=data["version"],
                description=data["description"],
                owner=data["owner"],
                due_on=data["due_on"],
                **service_kwargs(request),
            ),
        ):
            messages.success(request, _("Action added."))
            return redirect(record)
    return render(
        request, "supervision/actions_review.html", {"record": record, "review": review, "add": add}
    )


@supervision_view
@require_POST
def record_send(request, record_id):
    record = record_or_404(request, record_id)
    return versioned_post(
        request,
        record,
        services.record_send,
        _("You have signed the record and sent it to %(name)s to sign.")
        % {"name": record.other_party(request.user).get_full_name()},
    )


@supervision_view
def record_sign(request, record_id):
    record = record_or_404(request, record_id, what="Record (to sign)")
    form = SignForm(request.POST or None, initial={"version": record.version})
    is_supervisee = record.party(request.user) == "supervisee"
    if not is_supervisee:
        del form.fields["disagreement"]
    signed = (
        request.method == "POST"
        and form.is_valid()
        and attempt_change(
            request,
            form,
            lambda: services.record_sign(
                record=record,
                version=form.cleaned_data["version"],
                disagreement=form.cleaned_data.get("disagreement", ""),
                **service_kwargs(request),
            ),
        )
    )
    if signed:
        if record.is_locked:
            messages.success(request, _("Signed by both of you. The record is now locked."))
        else:
            messages.success(request, _("Signed."))
        if not permissions.can_view_record(request.user, record):
            # A former supervisor signing in the grace period: the record now closes to them.
            messages.info(
                request,
                _("Your agreement has ended, so this record is no longer open to you."),
            )
            return redirect("supervision:home")
        return redirect(record)
    if record.status != RecordStatus.SENT:
        messages.error(request, _("Only a record sent for signature can be signed."))
        return redirect(record)
    if not permissions.can_sign_record(request.user, record):
        messages.error(request, _("You cannot sign this record now."))
        return redirect(record)
    return render(request, "supervision/record_sign.html", {"form": form, "record": record})


@supervision_view
@require_POST
def record_return(request, record_id):
    record = record_or_404(request, record_id)
    return versioned_post(
        request,
        record,
        services.record_return,
        _("The record is a draft again. Both of you will need to sign it."),
    )


@supervision_view
@require_POST
def addendum_add(request, record_id):
    record = record_or_404(request, record_id)
    form = AddendumForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the addendum before adding it."))
        return redirect(record)
    try:
        services.addendum_add(
            record=record, text=form.cleaned_data["text"], by=request.user, ip=client_ip(request)
        )
    except services.SupervisionError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Addendum added."))
    return redirect(record)
