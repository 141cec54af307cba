"""Retention and legal hold: assessments are kept as long as supervision records, counted
from the date of the assessment, and never deleted while on legal hold."""

import datetime

from django.db import transaction
from django.utils import timezone

from supervision.models import AccessLogEntry
from supervision.services.flags import _settings

from ..models import Assessment
from .common import assessment_log


def assessments_past_retention(today: datetime.date | None = None):
    today = today or timezone.localdate()
    years = _settings().retention_years
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return Assessment.objects.filter(assessed_on__lt=cutoff, legal_hold=False)


@transaction.atomic
def assessments_delete_past_retention(today: datetime.date | None = None) -> int:
    """Delete assessments past retention (not those on legal hold), logging each."""
    assessments = list(assessments_past_retention(today))
    for assessment in assessments:
        assessment_log(
            user=None,
            assessment=assessment,
            action=AccessLogEntry.Action.DELETE,
            what=f"of {assessment.assessed_on.isoformat()} deleted (retention)",
        )
        assessment.delete()
    return len(assessments)


@transaction.atomic
def assessment_legal_hold(*, assessment_id: int, hold: bool) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment_id)
    assessment.legal_hold = hold
    assessment.save(update_fields=["legal_hold"])
    assessment_log(
        user=None,
        assessment=assessment,
        action=AccessLogEntry.Action.CHANGE,
        what="legal hold set" if hold else "legal hold released",
    )
    return assessment
