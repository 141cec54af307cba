"""The impact follow-up: the learner's answer three months on and their line manager's
confirmation. Each page is found only by the person it is for; for anyone else it is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core import refusals

from .. import permissions
from ..impact_forms import FollowUpForm, ManagerAnswerForm
from ..models import ImpactFollowUp
from ..services import CourseRefusal
from ..services import impact as services
from .common import _MAX_ID


def _follow_up_or_404(follow_up_id, allowed, user) -> ImpactFollowUp:
    if not 0 < follow_up_id <= _MAX_ID:
        raise Http404
    follow_up = get_object_or_404(
        ImpactFollowUp.objects.select_related("enrolment__course", "enrolment__certificate"),
        pk=follow_up_id,
    )
    if not allowed(user, follow_up):
        raise Http404
    return follow_up


def _refused_into(form, request, error: CourseRefusal) -> bool:
    """Put a refusal's messages on the form's fields where it names them; True if it did."""
    if hasattr(error, "error_dict") and all(name in form.fields for name in error.error_dict):
        for name, errors in error.error_dict.items():
            for each in errors:
                form.add_error(name, each.message % (each.params or {}))
        return True
    refusals.show(request, error)
    return False


@login_required
def follow_up(request, follow_up_id):
    """The learner says what they now do differently, with an example, and how confident
    they feel now."""
    found = _follow_up_or_404(follow_up_id, permissions.can_answer_follow_up, request.user)
    is_open = found.answered_at is None and timezone.localdate() >= found.due_on
    form = FollowUpForm(request.POST or None) if is_open else None
    if request.method == "POST":
        if form is None:
            try:
                services.follow_up_answer(
                    follow_up=found,
                    user=request.user,
                    practice_change=request.POST.get("practice_change", ""),
                    example=request.POST.get("example", ""),
                    confidence_now=None,
                )
            except CourseRefusal as error:
                refusals.show(request, error)
            return redirect("courses:impact_follow_up", follow_up_id=found.pk)
        if form.is_valid():
            try:
                services.follow_up_answer(follow_up=found, user=request.user, **form.cleaned_data)
            except CourseRefusal as error:
                if not _refused_into(form, request, error):
                    return redirect("courses:impact_follow_up", follow_up_id=found.pk)
            else:
                messages.success(request, _("Thank you. Your answer has been saved."))
                return redirect("courses:impact_follow_up", follow_up_id=found.pk)
    return render(
        request,
        "courses/impact_follow_up.html",
        {"follow_up": found, "course": found.enrolment.course, "form": form},
    )


@login_required
def follow_up_manager(request, follow_up_id):
    """The learner's line manager reads their answer and confirms it or comments, once."""
    found = _follow_up_or_404(follow_up_id, permissions.can_confirm_follow_up, request.user)
    form = None
    if found.manager_answered_at is None:
        form = ManagerAnswerForm(request.POST or None)
    if request.method == "POST":
        if form is None:
            refusals.show(
                request, CourseRefusal(_("You have already answered for this follow-up."))
            )
            return redirect("courses:impact_manager", follow_up_id=found.pk)
        if form.is_valid():
            try:
                services.follow_up_manager_answer(
                    follow_up=found,
                    manager=request.user,
                    confirms=form.cleaned_data["manager_confirms"],
                    comment=form.cleaned_data["manager_comment"],
                )
            except CourseRefusal as error:
                if not _refused_into(form, request, error):
                    return redirect("courses:impact_manager", follow_up_id=found.pk)
            else:
                messages.success(request, _("Thank you. Your answer has been saved."))
                return redirect("courses:impact_manager", follow_up_id=found.pk)
    return render(
        request,
        "courses/impact_manager.html",
        {
            "follow_up": found,
            "course": found.enrolment.course,
            "learner": found.enrolment.user,
            "form": form,
        },
    )
