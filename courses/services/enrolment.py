"""Enrolment and progress facts: enrolling, working through a step and the closing
evaluation. Each may issue the certificate when the recorded facts show the course complete."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Certificate, CoursePage, CourseStep, Enrolment, StepView
from ..selectors import enrolment_progress
from .common import CourseRefusal
from .completion import certificate_issue_if_complete


def _has_certificate(user, course) -> bool:
    return (
        Certificate.objects.not_revoked()
        .filter(enrolment__user=user, enrolment__course=course)
        .exists()
    )


@transaction.atomic
def enrolment_create(*, user, course: CoursePage, confidence_before: int) -> Enrolment:
    """Enrol ``user`` on ``course``, recording how confident they feel before starting."""
    if course.archived:
        raise CourseRefusal(_("This course has been archived, so nobody can enrol on it now."))
    missing = [c.title for c in course.prerequisites.all() if not _has_certificate(user, c)]
    if missing:
        raise CourseRefusal(
            _("Complete %(courses)s before enrolling on this course.")
            % {"courses": ", ".join(missing)}
        )
    if Enrolment.objects.filter(user=user, course=course).exists():
        raise CourseRefusal(_("You are already enrolled on this course."))
    enrolment = Enrolment(
        user=user,
        course=course,
        agency_id=user.agency_id,
        confidence_before=confidence_before,
    )
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def step_view_record(*, enrolment: Enrolment, step: CourseStep) -> StepView:
    """Record that the learner worked through a step; doing it again changes nothing."""
    if step.course_id != enrolment.course_id:
        raise CourseRefusal(_("That step is not part of this course."))
    view, _created = StepView.objects.get_or_create(enrolment=enrolment, step=step)
    certificate_issue_if_complete(enrolment=enrolment)
    return view


@transaction.atomic
def evaluation_submit(
    *, enrolment: Enrolment, confidence_after: int, usefulness: int, practice_change: str
) -> Enrolment:
    """Record the closing evaluation: confidence after, usefulness, what will change."""
    if enrolment.evaluated_at is not None:
        raise CourseRefusal(_("You have already completed the evaluation for this course."))
    progress = enrolment_progress(enrolment)
    if not progress.needs_evaluation:
        raise CourseRefusal(_("Finish the other parts of the course before the evaluation."))
    enrolment.confidence_after = confidence_after
    enrolment.usefulness = usefulness
    enrolment.practice_change = practice_change
    enrolment.evaluated_at = timezone.now()
    enrolment.full_clean()
    enrolment.save()
    certificate_issue_if_complete(enrolment=enrolment)
    return enrolment
