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
from ..models import Agreement, Flag
from .common import note_read, supervision_view


def _context(user) -> dict:
    """What the home page and the panel share. Wording follows the side the person is on:
    a supervisor who has (or had) a supervisor of their own sees both sides, each worded for
    it; anyone who is not a supervisor sees the supervisee's side."""
    is_supervisor = permissions.is_supervisor(user)
    mine = selectors.supervisee_dashboard(user)
    as_supervisee = (
        not is_supervisor
        or bool(mine["agreements"])
        or Agreement.objects.filter(supervisee=user).exists()
    )
    return {
        "mine": mine,
        "supervising": selectors.supervisor_dashboard(user) if is_supervisor else [],
        "is_supervisor": is_supervisor,
        "as_supervisee": as_supervisee,
        "as_supervisor": is_supervisor,
        "awaiting_you": list(
            selectors.awaiting_supervisor_signature(user)
            .select_related("supervisee")
            .order_by("sent_at", "pk")[:50]
        )
        if is_supervisor
        else [],
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
    # Open escalations sent to this person; the escalations page lists the rest.
    escalations = list(selectors.escalations_for(user, "sent").filter(outcome="")[:50])
    context = _context(user)
    for record in [*page, *context["awaiting_you"], *context["mine"]["to_sign"]]:
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
            **context,
            "page_obj": page,
            "open_flags": flags,
            "startable": startable,
            "to_answer": list(proposals.filter(supervisee=user)),
            "proposed": list(proposals.filter(Q(supervisor=user) | Q(created_by=user))),
            "escalations": escalations,
            "escalation_counts": selectors.escalation_counts(user),
        },
    )


def supervision_panel(request):
    """Dashboard panel: shown to anyone with an agreement, as supervisee or supervisor, and
    to anyone an escalation was sent to."""
    user = request.user
    if not user.is_authenticated:
        return None
    context = _context(user)
    sent = selectors.sent_escalation_counts(user)
    if not (
        context["mine"]["agreements"]
        or context["supervising"]
        or context["awaiting_you"]
        or sent["sent"]
        or Agreement.objects.filter(supervisee=user).exists()
    ):
        return None
    return {
        "template": "supervision/panel.html",
        "open_escalations": sent["open_sent"],
        **context,
    }


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
