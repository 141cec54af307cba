"""Case timelines, flags, escalations and the supervisee's view of the access log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, selectors, services
from ..forms import EscalationForm, EscalationOutcomeForm, FlagResponseForm
from ..models import AccessLogEntry, CaseReference, Escalation, Flag
from .common import client_ip, record_or_404

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 560, 200, 30


def worry_chart(discussions) -> dict | None:
    """Points for a small line chart of the worry scale, oldest on the left."""
    if not discussions:
        return None
    count = len(discussions)
    step = (CHART_WIDTH - 2 * CHART_PAD) / max(count - 1, 1)
    scale = (CHART_HEIGHT - 2 * CHART_PAD) / 10
    points = [
        {
            "x": round(CHART_PAD + i * step, 1),
            "y": round(CHART_HEIGHT - CHART_PAD - d.worry_scale * scale, 1),
            "value": d.worry_scale,
            "label": d.record.held_on.strftime("%-d %b"),
        }
        for i, d in enumerate(discussions)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "gridlines": [
            {"y": round(CHART_HEIGHT - CHART_PAD - v * scale, 1), "value": v} for v in (0, 5, 10)
        ],
        "axis_y": CHART_HEIGHT - CHART_PAD + 18,
    }


@login_required
def case_timeline(request, case_id):
    case = get_object_or_404(CaseReference.objects.select_related("supervisee"), pk=case_id)
    if not permissions.can_view_case(request.user, case):
        raise Http404
    data = selectors.timeline(request.user, case)
    seen = {d.record_id: d.record for d in data["discussions"]}
    AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(
                user=request.user,
                supervisee_id=case.supervisee_id,
                record_id=record.pk,
                action=AccessLogEntry.Action.VIEW,
                what="Case timeline",
                ip_address=client_ip(request),
            )
            for record in seen.values()
        ]
    )
    return render(
        request,
        "supervision/case_timeline.html",
        {"case": case, "chart": worry_chart(data["discussions"]), **data},
    )


@login_required
def flag_detail(request, flag_id):
    flag = get_object_or_404(
        Flag.objects.select_related("agreement", "case", "responded_by"), pk=flag_id
    )
    if not permissions.can_view_flag(request.user, flag):
        raise Http404
    can_respond = permissions.can_respond_to_flag(request.user, flag) and flag.is_open
    form = FlagResponseForm(request.POST or None) if can_respond else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Only the supervisor responds to an open flag."))
            return redirect(flag)
        if form.is_valid():
            try:
                services.flag_respond(by=request.user, flag=flag, **form.cleaned_data)
            except services.SupervisionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Response recorded. The flag is closed."))
                return redirect(flag.case or "supervision:home")
    return render(request, "supervision/flag_detail.html", {"flag": flag, "form": form})


@login_required
def escalation_create(request, record_id, discussion_id):
    record = record_or_404(request, record_id)
    discussion = get_object_or_404(record.discussions.select_related("case"), pk=discussion_id)
    form = EscalationForm(request.POST or None, initial={"escalated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.escalation_create(
                by=request.user, discussion=discussion, ip=client_ip(request), **form.cleaned_data
            )
        except services.SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Escalation recorded."))
            return redirect(record)
    return render(
        request,
        "supervision/escalation_form.html",
        {"form": form, "record": record, "discussion": discussion},
    )


@login_required
def escalation_detail(request, escalation_id):
    """The recipient of an escalation reads that one case discussion, and nothing else."""
    escalation = get_object_or_404(
        Escalation.objects.select_related(
            "discussion__record", "discussion__case", "recipient", "raised_by"
        ),
        pk=escalation_id,
    )
    if not permissions.can_view_escalation(request.user, escalation):
        raise Http404
    discussion = escalation.discussion
    services.access_log(
        user=request.user,
        record=discussion.record,
        action=AccessLogEntry.Action.VIEW,
        what=f"Escalated case discussion {discussion.pk}",
        ip=client_ip(request),
    )
    form = None
    if escalation.is_open:
        form = EscalationOutcomeForm(
            request.POST or None, initial={"outcome_on": timezone.localdate()}
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.escalation_outcome(
                    by=request.user, escalation=escalation, **form.cleaned_data
                )
            except services.SupervisionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Outcome recorded."))
                return redirect(escalation)
    elif request.method == "POST":
        messages.error(request, _("This escalation already has an outcome."))
        return redirect(escalation)
    return render(
        request,
        "supervision/escalation_detail.html",
        {"escalation": escalation, "discussion": discussion, "form": form},
    )


@login_required
def access_log(request):
    """Who has read, exported or changed the records of which I am the supervisee."""
    entries = AccessLogEntry.objects.filter(supervisee=request.user).select_related("user")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "supervision/access_log.html", {"page_obj": page})
