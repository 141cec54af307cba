"""My supervision: the supervisee's and the supervisor's views, and the dashboard panel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .. import permissions, selectors, services
from ..models import Agreement, Flag


def _context(user) -> dict:
    supervising = selectors.supervisor_dashboard(user) if permissions.is_supervisor(user) else []
    return {
        "mine": selectors.supervisee_dashboard(user),
        "supervising": supervising,
        "is_supervisor": permissions.is_supervisor(user),
    }


@login_required
def home(request):
    user = request.user
    records = (
        permissions.records_visible_to(user)
        .select_related("supervisee", "supervisor")
        .order_by("-held_on", "-pk")
    )
    flags = (
        permissions.flags_visible_to(user, Flag.objects.filter(response=""))
        .select_related("case", "supervisee")
        .order_by("-raised_at")[:50]
    )
    active = selectors.active_agreements()
    startable = list(
        (active.filter(supervisee=user) | active.filter(supervisor=user))
        .select_related("supervisee", "supervisor")
        .order_by("pk")
    )
    return render(
        request,
        "supervision/home.html",
        {
            **_context(user),
            "page_obj": Paginator(records, 20).get_page(request.GET.get("page")),
            "open_flags": list(flags),
            "startable": startable,
        },
    )


def supervision_panel(request):
    """Dashboard panel: shown to anyone with an agreement, as supervisee or supervisor."""
    user = request.user
    if not user.is_authenticated:
        return None
    context = _context(user)
    if not (
        context["mine"]["agreements"]
        or context["supervising"]
        or Agreement.objects.filter(supervisee=user).exists()
    ):
        return None
    return {"template": "supervision/panel.html", "panel": context}


@login_required
@require_POST
def topic_add(request, page_id):
    """'Discuss in supervision' on a library page."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    try:
        topic = services.topic_add(by=request.user, page=page)
    except services.SupervisionError as error:
        messages.error(request, str(error))
    else:
        if topic.record_id:
            messages.success(request, _("Added to your draft supervision record."))
        else:
            messages.success(request, _("Added to your next supervision record."))
    back = request.POST.get("next") or page.url
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    return redirect(back)
