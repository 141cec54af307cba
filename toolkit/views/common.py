"""What every toolkit view shares: finding an assessment the person may see, and logging the
read in the supervision access log (through supervision's own view wrapper)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from supervision.models import AccessLogEntry
from supervision.views.common import client_ip, note_read, supervision_view

from .. import permissions, selectors

_MAX_ID = 2**63 - 1

# Written by hand on a printed copy; the site never asks for them.
HANDWRITTEN_LABELS = [
    _("Child's name"),
    _("Child's date of birth"),
    _("Parents' or carers' names"),
    _("Other children in the household: names and dates of birth"),
]
FINDING_LABELS = [_("Evidence"), _("The child's own words"), _("Strengths")]

assessment_view = supervision_view

__all__ = ["assessment_or_404", "assessment_view", "client_ip"]


def assessment_or_404(request, assessment_id: int, *, what: str = "viewed", export=False):
    """The assessment if the person may see it (404 otherwise), noted as read."""
    if not 0 < assessment_id <= _MAX_ID:
        raise Http404
    assessment = selectors.assessment_with_findings(request.user, assessment_id)
    if assessment is None:
        raise Http404
    if export and not permissions.can_export_assessment(request.user, assessment):
        raise Http404
    note_read(
        request,
        supervisee_id=assessment.author_id,
        what=f"Neglect assessment {assessment.pk}: {what}",
        action=AccessLogEntry.Action.EXPORT if export else AccessLogEntry.Action.VIEW,
    )
    return assessment
