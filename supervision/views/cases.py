"""Case timelines, flags, escalations and the supervisee's view of the access log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import permissions, selectors, services
from ..forms import EscalationForm, EscalationOutcomeForm, FlagResponseForm
from ..models import AccessLogEntry
from .common import (
    case_or_404,
    client_ip,
    escalation_or_404,
    flag_or_404,
    note_read,
    record_or_404,
    service_kwargs,
    supervision_view,
)

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
            "label": date_format(d.record.held_on, "j M"),
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


@supervision_view
def case_timeline(request, case_id):
    case = case_or_404(request, case_id)
    data = selectors.timeline(request.user, case)
    what = f"Case timeline {case.pk}"
    note_read(request, supervisee_id=case.supervisee_id, what=what)
    for discussion in data["discussions"]:
        note_read(
            request, supervisee_id=case.supervisee_id, record_id=discussion.record_id, what=what
        )
    return render(
        request,
        "supervision/case_timeline.html",
        {"case": case, "chart": worry_chart(data["discussions"]), **data},
    )


@supervision_view
def flag_detail(request, flag_id):
    flag = flag_or_404(request, flag_id)
    can_respond = permissions.can_respond_to_flag(request.user, flag) and flag.is_open
    form = FlagResponseForm(request.POST or None) if can_respond else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Only the supervisor responds to an open flag."))
            return redirect(flag)
        if form.is_valid():
            try:
                services.flag_respond(flag=flag, **form.cleaned_data, **service_kwargs(request))
            except services.SupervisionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Response recorded. The flag is closed."))
                return redirect(flag.case or "supervision:home")
    return render(request, "supervision/flag_detail.html", {"flag": flag, "form": form})


@supervision_view
def escalation_create(request, record_id, discussion_id):
    record = record_or_404(request, record_id, what=f"Case discussion {discussion_id}")
    discussion = get_object_or_404(record.discussions.select_related("case"), pk=discussion_id)
    if not permissions.can_escalate(request.user, record):
        messages.error(request, _("You cannot escalate this case."))
        return redirect(record)
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


@supervision_view
def escalation_detail(request, escalation_id):
    """The recipient of an escalation reads that one case discussion, and nothing else."""
    escalation = escalation_or_404(request, escalation_id)
    discussion = escalation.discussion
    form = None
    if escalation.is_open and permissions.can_record_escalation_outcome(request.user, escalation):
        form = EscalationOutcomeForm(
            request.POST or None, initial={"outcome_on": timezone.localdate()}
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.escalation_outcome(
                    escalation=escalation, **form.cleaned_data, **service_kwargs(request)
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
