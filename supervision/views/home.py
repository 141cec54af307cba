"""My supervision: the supervisee's and the supervisor's views, and the dashboard panel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .. import permissions, selectors, services
from ..models import Agreement, Escalation, Flag
from .common import note_read, supervision_view


def _context(user) -> dict:
    supervising = selectors.supervisor_dashboard(user) if permissions.is_supervisor(user) else []
    return {
        "mine": selectors.supervisee_dashboard(user),
        "supervising": supervising,
        "is_supervisor": permissions.is_supervisor(user),
    }


@supervision_view
def home(request):
    user = request.user
    records = (
        permissions.records_visible_to(user)
        .select_related("supervisee", "supervisor")
        .order_by("-held_on", "-pk")
    )
    page = Paginator(records, 20).get_page(request.GET.get("page"))
    flags = list(
        permissions.flags_visible_to(user, Flag.objects.filter(response=""))
        .select_related("case", "supervisee")
        .order_by("-raised_at")[:50]
    )
    startable = list(
        Agreement.objects.started()
        .filter(Q(supervisee=user) | Q(supervisor=user))
        .select_related("supervisee", "supervisor")
        .order_by("pk")
    )
    proposals = Agreement.objects.filter(
        accepted_at__isnull=True, declined_at__isnull=True, ended_at__isnull=True
    ).select_related("supervisee", "supervisor")
    escalations = list(
        Escalation.objects.filter(recipient=user)
        .select_related("discussion__case", "discussion__record")
        .order_by("outcome_on", "-escalated_on", "-pk")[:50]
    )
    for record in page:
        note_read(request, supervisee_id=record.supervisee_id, what="Supervision home")
    for flag in flags:
        note_read(request, supervisee_id=flag.supervisee_id, what="Supervision home")
    for escalation in escalations:
        note_read(
            request,
            supervisee_id=escalation.discussion.record.supervisee_id,
            record_id=escalation.discussion.record_id,
            what="Supervision home",
        )
    return render(
        request,
        "supervision/home.html",
        {
            **_context(user),
            "page_obj": page,
            "open_flags": flags,
            "startable": startable,
            "to_answer": list(proposals.filter(supervisee=user)),
            "proposed": list(proposals.filter(Q(supervisor=user) | Q(created_by=user))),
            "escalations": escalations,
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
        or Escalation.objects.filter(recipient=user).exists()
    ):
        return None
    return {"template": "supervision/panel.html", **context}


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
