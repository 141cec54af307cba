from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ProfileForm
from .models import ManagerLink
from .roles import role_labels
from .selectors import latest_link_for, requests_waiting_for
from .services import (
    AccountRefusal,
    manager_link_decide,
    manager_link_end,
    manager_name,
    profile_update,
    who,
)

# Ids in addresses are range-checked before they reach the database, which would fail on a
# number past 64 bits instead of finding nothing.
_MAX_ID = 2**63 - 1


@login_required
def profile(request):
    """A person's own profile: name, agency, job title and line manager. Nobody edits anyone
    else's here."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            details = dict(form.cleaned_data)
            manager = details.pop("manager")
            try:
                with transaction.atomic():
                    profile_update(user=user, **details)
                    before = latest_link_for(user)
                    link = manager_name(learner=user, manager=manager)
            except AccountRefusal as error:
                form.add_error("manager", error.messages[0])
                user.refresh_from_db()
            else:
                messages.success(request, _("Your profile has been saved."))
                if link is not None and (before is None or before.pk != link.pk):
                    messages.info(
                        request,
                        _(
                            "We have asked %(name)s to confirm that they are your line manager. "
                            "They count as your manager once they do."
                        )
                        % {"name": who(link.manager)},
                    )
                return redirect("accounts:profile")
        else:
            # A failed ModelForm validation has already copied values onto the instance;
            # reload it so nothing half-typed is shown as if it were saved.
            user.refresh_from_db()
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "roles": role_labels(user), "manager_link": latest_link_for(user)},
    )


def _link_or_404(link_id: int, **mine) -> ManagerLink:
    if not 0 < link_id <= _MAX_ID:
        raise Http404
    return get_object_or_404(
        ManagerLink.objects.select_related("learner__agency", "manager"), pk=link_id, **mine
    )


@login_required
def manager_requests(request):
    """The requests waiting for the signed-in person to say whether they manage someone."""
    return render(
        request,
        "accounts/manager_requests.html",
        {"waiting": requests_waiting_for(request.user)},
    )


@login_required
def manager_request(request, link_id):
    """One request, answered by the person named as manager and nobody else (404 for all
    others, the learner and partnership staff included)."""
    link = _link_or_404(link_id, manager=request.user)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ("confirm", "decline"):
            messages.error(request, _("Choose whether to confirm or decline the request."))
            return redirect("accounts:manager_request", link_id=link.pk)
        try:
            manager_link_decide(link=link, manager=request.user, confirm=decision == "confirm")
        except AccountRefusal as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("accounts:manager_request", link_id=link.pk)
        if decision == "confirm":
            messages.success(
                request,
                _("You are now recorded as %(name)s's line manager.") % {"name": who(link.learner)},
            )
        else:
            messages.success(
                request,
                _("You have declined. %(name)s has been told.") % {"name": who(link.learner)},
            )
        return redirect("accounts:manager_requests")
    return render(request, "accounts/manager_request.html", {"link": link})


@login_required
@require_POST
def manager_link_end_view(request, link_id):
    """The learner withdraws or ends; the manager takes someone off their team."""
    link = _link_or_404(link_id)
    if request.user.pk not in (link.learner_id, link.manager_id):
        raise Http404
    by_learner = request.user.pk == link.learner_id
    try:
        manager_link_end(link=link, by=request.user)
    except AccountRefusal as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if by_learner:
            messages.success(
                request,
                _("%(name)s is no longer recorded as your line manager.")
                % {"name": who(link.manager)},
            )
        else:
            messages.success(
                request,
                _("%(name)s is no longer on your team.") % {"name": who(link.learner)},
            )
    return redirect("accounts:profile" if by_learner else "courses:team")
