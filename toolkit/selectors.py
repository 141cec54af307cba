"""Reads the toolkit views share, each in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q

from .blocks import Level
from .compare import compare_levels
from .models import Assessment, AssessmentStatus, Finding, ToolkitPage
from .permissions import assessments_visible_to


def toolkits_live():
    return ToolkitPage.objects.live().order_by("local_area", "title")


def assessment_list_for(user):
    """The person's own assessments, newest first, with how many areas have a level."""
    return (
        Assessment.objects.filter(author_id=user.pk)
        .select_related("toolkit")
        .annotate(rated=Count("findings", filter=Q(findings__level__isnull=False)))
        .annotate(areas=Count("findings"))
        .order_by("-assessed_on", "-pk")
    )


def assessment_with_findings(user, assessment_id: int) -> Assessment | None:
    """The assessment if ``user`` may see it, with its findings, toolkit and discussion."""
    return (
        assessments_visible_to(user)
        .select_related("toolkit", "author", "discussion__record__agreement", "discussion__case")
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.order_by("position")))
        .filter(pk=assessment_id)
        .first()
    )


def earlier_assessments(assessment: Assessment) -> list[Assessment]:
    """Completed assessments of the same case by the same author with the same toolkit,
    before this one, oldest first, with their findings (two queries)."""
    return list(
        Assessment.objects.filter(
            author_id=assessment.author_id,
            toolkit_id=assessment.toolkit_id,
            case_reference__iexact=assessment.case_reference,
            status=AssessmentStatus.COMPLETED,
        )
        .filter(
            Q(assessed_on__lt=assessment.assessed_on)
            | Q(assessed_on=assessment.assessed_on, pk__lt=assessment.pk)
        )
        .exclude(pk=assessment.pk)
        .prefetch_related("findings")
        .order_by("assessed_on", "pk")
    )


def review(assessment: Assessment) -> dict:
    """The review of ``assessment`` against the earlier ones: a row per area, and the time
    since the last and the first earlier assessment."""
    earlier = earlier_assessments(assessment)
    current = [(f.area_id, f.area_title, f.level) for f in assessment.findings.all()]
    levels = [{f.area_id: f.level for f in e.findings.all()} for e in earlier]
    rows = compare_levels(current, levels)
    since_last = (assessment.assessed_on - earlier[-1].assessed_on).days if earlier else None
    since_first = (assessment.assessed_on - earlier[0].assessed_on).days if earlier else None
    return {
        "earlier": earlier,
        "rows": rows,
        "days_since_last": since_last,
        "days_since_first": since_first,
        "weeks_since_last": since_last // 7 if earlier else None,
        "weeks_since_first": since_first // 7 if earlier else None,
    }


def level_chart(findings) -> list[dict]:
    """One bar per area: its width a quarter of the track per level."""
    labels = dict(Level.choices)
    return [
        {
            "title": f.area_title,
            "level": f.level,
            "label": labels.get(f.level, ""),
            "width": (f.level or 0) * 25,
        }
        for f in findings
    ]
