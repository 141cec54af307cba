"""The latest neglect toolkit levels shown on a supervision record and a case timeline, to
whoever may read the assessments behind them (``toolkit.permissions``), in two queries."""

from django import template

from ..blocks import Level
from ..compare import compare_levels
from ..models import AssessmentStatus, Finding
from ..permissions import assessments_visible_to

register = template.Library()


@register.inclusion_tag("toolkit/_supervision_levels.html", takes_context=True)
def toolkit_levels(context, record=None, case=None):
    request = context.get("request")
    user = getattr(request, "user", None)
    queryset = assessments_visible_to(user).filter(status=AssessmentStatus.COMPLETED)
    if record is not None:
        queryset = queryset.filter(discussion__record=record)
    elif case is not None:
        queryset = queryset.filter(discussion__case=case)
    else:
        return {"summaries": []}
    by_case: dict = {}
    for assessment in (
        queryset.select_related("discussion")
        .prefetch_related("findings")
        .order_by("assessed_on", "pk")
    ):
        by_case.setdefault(assessment.discussion.case_id, []).append(assessment)
    labels = dict(Level.choices)
    summaries = []
    for assessments in by_case.values():
        latest = assessments[-1]
        findings: list[Finding] = list(latest.findings.all())
        earlier = [{f.area_id: f.level for f in a.findings.all()} for a in assessments[:-1]]
        rows = compare_levels([(f.area_id, f.area_title, f.level) for f in findings], earlier[-1:])
        summaries.append(
            {
                "assessment": latest,
                "rows": [(row, labels.get(row.level, "")) for row in rows],
                "previous": assessments[-2] if len(assessments) > 1 else None,
                "weeks": (latest.assessed_on - assessments[-2].assessed_on).days // 7
                if len(assessments) > 1
                else None,
            }
        )
    return {"summaries": summaries}
