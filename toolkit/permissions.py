"""Who may see and do what with neglect assessments. The only place these decisions are made.

- The author reads, changes, prints and attaches their own assessments.
- The author's supervisor reads an assessment only while it is attached to a case discussion
  in one of the author's own supervision records, and only while that record's agreement is
  current (``supervision.permissions.record_access`` gives ``SUPERVISOR``). They never change
  it or take a copy away.
- Nobody else sees anything: not partnership staff, not partnership admins, not superusers.
  Views answer 404 to everyone refused.

Each ``can_*`` decision has a queryset twin used by lists.
"""

from django.db.models import F, Q
from django.utils import timezone

from supervision import permissions as supervision_permissions
from supervision.models import current_q

from .models import Assessment

AUTHOR = "author"
SUPERVISOR = "supervisor"


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def assessment_access(user, assessment: Assessment) -> str | None:
    """How ``user`` reaches ``assessment``: ``AUTHOR``, ``SUPERVISOR`` or None."""
    if not _signed_in(user):
        return None
    if assessment.author_id == user.pk:
        return AUTHOR
    discussion = assessment.discussion
    if discussion is None or discussion.record.supervisee_id != assessment.author_id:
        return None
    access = supervision_permissions.record_access(user, discussion.record)
    return SUPERVISOR if access == supervision_permissions.SUPERVISOR else None


def assessments_visible_to(user, queryset=None, *, now=None):
    queryset = Assessment.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    now = now or timezone.now()
    prefix = "discussion__record__agreement__"
    as_supervisor = (
        Q(**{f"{prefix}supervisor_id": user.pk})
        & current_q(prefix, now=now)
        & Q(discussion__record__supervisee_id=F("author_id"))
    )
    return queryset.filter(Q(author_id=user.pk) | as_supervisor)


def can_view_assessment(user, assessment: Assessment) -> bool:
    return assessment_access(user, assessment) is not None


def can_edit_assessment(user, assessment: Assessment) -> bool:
    """Only the author, and only while it is a draft."""
    return assessment.is_draft and assessment_access(user, assessment) == AUTHOR


def can_export_assessment(user, assessment: Assessment) -> bool:
    """A copy leaves the site only with its author."""
    return assessment_access(user, assessment) == AUTHOR


def can_attach_assessment(user, assessment: Assessment) -> bool:
    return assessment_access(user, assessment) == AUTHOR


def attachable_discussions(user, assessment: Assessment):
    """Discussions of the same case in the author's own records under a current agreement."""
    from supervision.models import CaseDiscussion

    if not can_attach_assessment(user, assessment):
        return CaseDiscussion.objects.none()
    return (
        CaseDiscussion.objects.filter(
            current_q("record__agreement__", now=timezone.now()),
            record__supervisee_id=user.pk,
            case__reference__iexact=assessment.case_reference,
        )
        .select_related("record", "case")
        .order_by("-record__held_on", "-pk")
    )
