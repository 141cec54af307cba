"""Starting, saving, completing and attaching assessments."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supervision.identifiers import identifier_problem
from supervision.models import AccessLogEntry, CaseDiscussion

from .. import permissions
from ..blocks import Level
from ..models import Assessment, AssessmentStatus, Finding, ToolkitPage
from .common import ToolkitRefusal, assessment_log

FINDING_FIELDS = ("level", "evidence", "child_words", "strengths")


def _locked(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def _check_text(label: str, value: str) -> None:
    """Free text is checked with the case-reference guard: no NHS numbers, postcodes or
    dates of birth typed into an assessment."""
    problem = identifier_problem(value or "")
    if problem:
        raise ToolkitRefusal(_("%(field)s: %(problem)s") % {"field": label, "problem": problem})


@transaction.atomic
def assessment_start(
    *,
    by,
    toolkit: ToolkitPage,
    case_reference: str,
    assessed_on: datetime.date,
    today: datetime.date | None = None,
) -> Assessment:
    """A draft assessment with one empty finding per area of the toolkit."""
    today = today or timezone.localdate()
    if not getattr(by, "is_authenticated", False):
        raise ToolkitRefusal(_("Sign in to start an assessment."))
    if not toolkit.live:
        raise ToolkitRefusal(_("This toolkit is not published."))
    if assessed_on > today:
        raise ToolkitRefusal(_("The date of the assessment must be today or in the past."))
    areas = toolkit.area_list()
    if not areas:
        raise ToolkitRefusal(_("This toolkit has no areas of need yet."))
    assessment = Assessment(
        author=by,
        agency_id=by.agency_id,
        toolkit=toolkit,
        case_reference=" ".join(case_reference.split()),
        assessed_on=assessed_on,
    )
    try:
        assessment.full_clean()
    except ValidationError as error:
        raise ToolkitRefusal(" ".join(error.messages)) from error
    assessment.save()
    Finding.objects.bulk_create(
        Finding(
            assessment=assessment,
            area_id=area["id"],
            area_title=area["title"][:120],
            position=area["number"],
        )
        for area in areas
    )
    assessment_log(
        user=by, assessment=assessment, action=AccessLogEntry.Action.CHANGE, what="started"
    )
    return assessment


@transaction.atomic
def finding_save(*, by, assessment: Assessment, finding: Finding, data: dict) -> Finding:
    """Save what was found in one area of a draft. Anything may be left blank until the
    assessment is completed."""
    assessment = _locked(assessment)
    if not permissions.can_edit_assessment(by, assessment):
        raise ToolkitRefusal(_("You cannot change this assessment."))
    if finding.assessment_id != assessment.pk:
        raise ToolkitRefusal(_("This area is not part of this assessment."))
    level = data.get("level")
    if level not in (None, "") and int(level) not in Level.values:
        raise ToolkitRefusal(_("Choose one of the four levels."))
    for name in ("evidence", "child_words", "strengths"):
        _check_text(str(Finding._meta.get_field(name).verbose_name).capitalize(), data.get(name))
    finding.level = int(level) if level not in (None, "") else None
    for name in ("evidence", "child_words", "strengths"):
        setattr(finding, name, (data.get(name) or "").strip())
    finding.full_clean()
    finding.save()
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
    return finding


@transaction.atomic
def assessment_complete(*, by, assessment: Assessment, now=None) -> Assessment:
    """Complete a draft once every area has a level."""
    assessment = _locked(assessment)
    if not permissions.can_edit_assessment(by, assessment):
        raise ToolkitRefusal(_("You cannot change this assessment."))
    missing = [f.area_title for f in assessment.findings.all() if f.level is None]
    if missing:
        raise ToolkitRefusal(
            _("Choose a level for every area before completing. Still to do: %(areas)s.")
            % {"areas": ", ".join(missing)}
        )
    assessment.status = AssessmentStatus.COMPLETED
    assessment.completed_at = now or timezone.now()
    assessment.save(update_fields=["status", "completed_at", "updated_at"])
    assessment_log(
        user=by, assessment=assessment, action=AccessLogEntry.Action.CHANGE, what="completed"
    )
    return assessment


@transaction.atomic
def assessment_attach(*, by, assessment: Assessment, discussion: CaseDiscussion | None):
    """Attach a completed assessment to a discussion of the same case in the author's own
    supervision, or detach it (``discussion=None``). The supervisor then sees it."""
    assessment = _locked(assessment)
    if not permissions.can_attach_assessment(by, assessment):
        raise ToolkitRefusal(_("You cannot attach this assessment."))
    if discussion is not None:
        if assessment.is_draft:
            raise ToolkitRefusal(_("Complete the assessment before taking it to supervision."))
        allowed = permissions.attachable_discussions(by, assessment)
        if not allowed.filter(pk=discussion.pk).exists():
            raise ToolkitRefusal(_("Choose a discussion of this case in your own supervision."))
    assessment.discussion = discussion
    assessment.save(update_fields=["discussion", "updated_at"])
    what = f"attached to discussion {discussion.pk}" if discussion else "detached"
    assessment_log(user=by, assessment=assessment, action=AccessLogEntry.Action.CHANGE, what=what)
    if discussion is not None:
        from ..drift import toolkit_flags_run

        toolkit_flags_run(discussion)
    return assessment


@transaction.atomic
def assessment_delete_draft(*, by, assessment: Assessment) -> None:
    assessment = _locked(assessment)
    if not permissions.can_edit_assessment(by, assessment):
        raise ToolkitRefusal(_("Only a draft can be deleted, by its author."))
    assessment_log(
        user=by, assessment=assessment, action=AccessLogEntry.Action.DELETE, what="draft deleted"
    )
    assessment.delete()
