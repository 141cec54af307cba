"""The practitioner's assessments: start, area by area, summary and review, complete, copy
for the family or a referral, attach to supervision."""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elearning.core import refusals
from elearning.core.pdf_cache import personal_pdf

from .. import permissions, selectors, services
from ..forms import AssessmentStartForm, AttachForm, FindingForm
from .common import HANDWRITTEN_LABELS, assessment_or_404, assessment_view


@assessment_view
def assessment_list(request):
    assessments = list(selectors.assessment_list_for(request.user))
    return render(
        request,
        "toolkit/assessment_list.html",
        {"assessments": assessments, "toolkits": selectors.toolkits_live()},
    )


@assessment_view
def assessment_start(request):
    toolkits = selectors.toolkits_live()
    initial = {}
    if request.method == "GET":
        initial = {"case_reference": request.GET.get("case", "")[:40]}
        chosen = request.GET.get("toolkit", "")
        if chosen.isdigit():
            initial["toolkit"] = toolkits.filter(pk=int(chosen)).first()
        elif toolkits.count() == 1:
            initial["toolkit"] = toolkits.first()
    form = AssessmentStartForm(
        request.POST if request.method == "POST" else None, toolkits=toolkits, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                by=request.user,
                toolkit=form.cleaned_data["toolkit"],
                case_reference=form.cleaned_data["case_reference"],
                assessed_on=form.cleaned_data["assessed_on"],
            )
        except services.ToolkitRefusal as error:
            refusals.on_form(form, error)
        else:
            return redirect("toolkit:area_edit", assessment_id=assessment.pk, position=1)
    return render(request, "toolkit/assessment_start.html", {"form": form})


@assessment_view
def assessment_detail(request, assessment_id: int):
    assessment = assessment_or_404(request, assessment_id)
    findings = list(assessment.findings.all())
    return render(
        request,
        "toolkit/assessment_detail.html",
        {
            "assessment": assessment,
            "findings": findings,
            "chart": selectors.level_chart(findings),
            "review": selectors.review(assessment),
            "is_author": assessment.author_id == request.user.pk,
            "can_edit": permissions.can_edit_assessment(request.user, assessment),
            "review_url": review_url(assessment),
        },
    )


@assessment_view
def area_edit(request, assessment_id: int, position: int):
    assessment = assessment_or_404(request, assessment_id, what="area edited")
    if not permissions.can_edit_assessment(request.user, assessment):
        raise Http404
    findings = list(assessment.findings.all())
    finding = next((f for f in findings if f.position == position), None)
    if finding is None:
        raise Http404
    area = next((a for a in assessment.toolkit.area_list() if a["id"] == finding.area_id), None)
    form = FindingForm(request.POST or None, instance=finding)
    autosave = request.headers.get("X-Autosave") == "1"
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_save(
                by=request.user, assessment=assessment, finding=finding, data=form.cleaned_data
            )
        except services.ToolkitRefusal as error:
            refusals.on_form(form, error)
        else:
            if autosave:
                return JsonResponse({"saved": True})
            later = [f for f in findings if f.position > position]
            if later and "save_and_summary" not in request.POST:
                return redirect(
                    "toolkit:area_edit", assessment_id=assessment.pk, position=later[0].position
                )
            messages.success(request, _("Saved."))
            return redirect(assessment)
    if autosave:
        return JsonResponse({"saved": False}, status=400)
    return render(
        request,
        "toolkit/area_edit.html",
        {
            "assessment": assessment,
            "finding": finding,
            "findings": findings,
            "area": area,
            "form": form,
        },
    )


@require_POST
@assessment_view
def assessment_complete(request, assessment_id: int):
    assessment = assessment_or_404(request, assessment_id, what="completed")
    try:
        services.assessment_complete(by=request.user, assessment=assessment)
    except services.ToolkitRefusal as error:
        refusals.show(request, error)
    else:
        messages.success(request, _("Assessment completed."))
    return redirect(assessment)


@require_POST
@assessment_view
def assessment_delete(request, assessment_id: int):
    assessment = assessment_or_404(request, assessment_id, what="deleted")
    try:
        services.assessment_delete_draft(by=request.user, assessment=assessment)
    except services.ToolkitRefusal as error:
        refusals.show(request, error)
        return redirect(assessment)
    messages.success(request, _("Draft deleted."))
    return redirect("toolkit:assessment_list")


@assessment_view
def assessment_pdf(request, assessment_id: int):
    """The copy for the family or a referral. Names and dates of birth are written by hand on
    the printed copy; the site never holds them."""
    assessment = assessment_or_404(request, assessment_id, what="PDF for sharing", export=True)
    findings = list(assessment.findings.all())
    title = _("Neglect assessment: %(case)s") % {"case": assessment.case_reference}
    html = render_to_string(
        "toolkit/assessment_pdf.html",
        {
            "assessment": assessment,
            "findings": findings,
            "review": selectors.review(assessment),
            "title": title,
            "handwritten_labels": HANDWRITTEN_LABELS,
        },
        request=request,
    )
    pdf = personal_pdf(request, kind="toolkit_assessment", html=html, title=title)
    if isinstance(pdf, HttpResponse):
        return pdf
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="assessment-{assessment.pk}.pdf"'
    return response


@assessment_view
def assessment_attach(request, assessment_id: int):
    assessment = assessment_or_404(request, assessment_id, what="attach to supervision")
    if not permissions.can_attach_assessment(request.user, assessment):
        raise Http404
    discussions = permissions.attachable_discussions(request.user, assessment)
    form = AttachForm(request.POST or None, discussions=discussions)
    if request.method == "POST":
        if "detach" in request.POST:
            services.assessment_attach(by=request.user, assessment=assessment, discussion=None)
            messages.success(request, _("Taken out of supervision."))
            return redirect(assessment)
        if form.is_valid():
            try:
                services.assessment_attach(
                    by=request.user,
                    assessment=assessment,
                    discussion=form.cleaned_data["discussion"],
                )
            except services.ToolkitRefusal as error:
                refusals.on_form(form, error)
            else:
                messages.success(request, _("Attached to the supervision discussion."))
                return redirect(assessment)
    return render(
        request,
        "toolkit/assessment_attach.html",
        {"assessment": assessment, "form": form, "has_discussions": discussions.exists()},
    )


def review_url(assessment) -> str:
    query = urlencode({"toolkit": assessment.toolkit_id, "case": assessment.case_reference})
    return f"{reverse('toolkit:assessment_start')}?{query}"
