"""The tenth drift rule, run when an assessment is taken to supervision: the author's
completed assessments of the case attached to their supervision are compared, and a flag is
raised under the discussion's agreement (rule and thresholds in ``supervision.flags``)."""

from supervision.flags import rule_toolkit_not_improving
from supervision.services.flags import _raise, _settings

from .models import Assessment, AssessmentStatus


def toolkit_flags_run(discussion, *, today=None):
    """Run rule 10 for the case of ``discussion``; the flag raised, or None."""
    assessments = (
        Assessment.objects.filter(
            author_id=discussion.record.supervisee_id,
            discussion__case_id=discussion.case_id,
            status=AssessmentStatus.COMPLETED,
        )
        .prefetch_related("findings")
        .order_by("assessed_on", "pk")
    )
    rows = [
        (a.pk, a.assessed_on, {f.area_id: f.level for f in a.findings.all()}) for a in assessments
    ]
    finding = rule_toolkit_not_improving(rows, _settings(), today)
    if finding is None:
        return None
    return _raise(
        agreement=discussion.record.agreement,
        supervisee_id=discussion.record.supervisee_id,
        case_id=discussion.case_id,
        rule=10,
        finding=finding,
    )
