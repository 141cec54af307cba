"""What a draft holds: case discussions with their new actions, and reflections."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import (
    DiscussionForm,
    NewActionFormSet,
    ReflectionForm,
)
from ..models import (
    CaseDiscussion,
    PromptSet,
    ReflectiveEntry,
)
from .common import record_or_404, service_kwargs, supervision_view
from .editing import attempt_change, draft_or_detail, versioned_post


def _discussion_form(request, record, discussion=None):
    form = DiscussionForm(
        request.POST or None,
        instance=discussion,
        initial={"version": record.version},
    )
    actions = NewActionFormSet(request.POST or None, prefix="actions")
    return form, actions


def _save_discussion(request, record, form, actions, discussion=None):
    if not (form.is_valid() and actions.is_valid()):
        return False
    new_actions = [
        {k: f.cleaned_data[k] for k in ("description", "owner", "due_on")}
        for f in actions
        if f.cleaned_data.get("description")
    ]
    return attempt_change(
        request,
        form,
        lambda: services.discussion_save(
            record=record,
            version=form.cleaned_data["version"],
            reference=form.cleaned_data["reference"],
            data=form.discussion_data(),
            discussion=discussion,
            new_actions=new_actions,
            **service_kwargs(request),
        ),
    )


@supervision_view
def discussion_add(request, record_id):
    record = record_or_404(request, record_id)
    refused = draft_or_detail(request, record)
    if refused:
        return refused
    form, actions = _discussion_form(request, record)
    if request.method == "POST" and _save_discussion(request, record, form, actions):
        messages.success(request, _("Case discussion added."))
        return redirect(record)
    return render(
        request,
        "supervision/discussion_form.html",
        {"form": form, "actions": actions, "record": record},
    )


def _discussion_or_404(record, discussion_id) -> CaseDiscussion:
    return get_object_or_404(record.discussions.select_related("case"), pk=discussion_id)


@supervision_view
def discussion_edit(request, record_id, discussion_id):
    record = record_or_404(request, record_id, what=f"Case discussion {discussion_id}")
    discussion = _discussion_or_404(record, discussion_id)
    refused = draft_or_detail(request, record)
    if refused:
        return refused
    form, actions = _discussion_form(request, record, discussion)
    if request.method == "POST":
        original = CaseDiscussion.objects.get(pk=discussion.pk)
        if _save_discussion(request, record, form, actions, discussion):
            messages.success(request, _("Case discussion saved."))
            return redirect(record)
        form.current_discussion = original
    return render(
        request,
        "supervision/discussion_form.html",
        {"form": form, "actions": actions, "record": record, "discussion": discussion},
    )


@supervision_view
@require_POST
def discussion_delete(request, record_id, discussion_id):
    record = record_or_404(request, record_id)
    discussion = _discussion_or_404(record, discussion_id)
    return versioned_post(
        request,
        record,
        lambda **kwargs: services.discussion_delete(discussion=discussion, **kwargs),
        _("Case discussion removed."),
    )


def _prompts():
    return {p.theme: p.prompt_list()[:3] for p in PromptSet.objects.all()}


@supervision_view
def reflection_add(request, record_id):
    record = record_or_404(request, record_id)
    refused = draft_or_detail(request, record)
    if refused:
        return refused
    if not services.reflection_may_add(request.user, record):
        messages.error(request, services.ONLY_THE_SUPERVISEE_ADDS)
        return redirect(record)
    writable = services.reflection_fields_for(request.user, record)
    prompts = _prompts()
    form = ReflectionForm(
        request.POST or None,
        initial={"version": record.version, "theme": request.GET.get("theme", "")},
        writable=writable,
        offered=prompts,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in writable}
        if attempt_change(
            request,
            form,
            lambda: services.reflection_save(
                record=record,
                version=form.cleaned_data["version"],
                data=data,
                **service_kwargs(request),
            ),
        ):
            messages.success(request, _("Reflection added."))
            return redirect(record)
    return render(
        request,
        "supervision/reflection_form.html",
        {"form": form, "record": record, "prompts": prompts},
    )


@supervision_view
def reflection_edit(request, record_id, entry_id):
    record = record_or_404(request, record_id, what=f"Reflection {entry_id}")
    entry = get_object_or_404(ReflectiveEntry, pk=entry_id, record=record)
    refused = draft_or_detail(request, record)
    if refused:
        return refused
    writable = services.reflection_fields_for(request.user, record)
    prompts = _prompts()
    form = ReflectionForm(
        request.POST or None,
        instance=entry,
        writable=writable,
        initial={"version": record.version},
        offered=prompts,
    )
    if request.method == "POST":
        original = ReflectiveEntry.objects.get(pk=entry.pk)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k in writable}
            if attempt_change(
                request,
                form,
                lambda: services.reflection_save(
                    record=record,
                    version=form.cleaned_data["version"],
                    data=data,
                    entry=entry,
                    **service_kwargs(request),
                ),
            ):
                messages.success(request, _("Reflection saved."))
                return redirect(record)
            form.current_entry = original
    return render(
        request,
        "supervision/reflection_form.html",
        {"form": form, "record": record, "entry": entry, "prompts": prompts},
    )
