"""Demo and volume data for the impact follow-up, called from ``demo.seed_demo`` and
``volume.seed_volume``. Both are safe to run again: nothing is made twice."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import Certificate, DeliveryMode, Enrolment, ImpactFollowUp, TrainingSettings
from courses.people import manager_of

IMPACT_COURSE_TITLE = "Case drift and when to escalate"
IMPACT_COURSE_SLUG = "case-drift-and-when-to-escalate"


def _completed(user, course, *, days_ago: int, before: int, after: int, change: str):
    """An enrolment completed ``days_ago`` days ago, evaluated, with its certificate."""
    now = timezone.now()
    enrolment, _created = Enrolment.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "agency_id": user.agency_id,
            "enrolled_at": now - datetime.timedelta(days=days_ago + 14),
            "confidence_before": before,
            "confidence_after": after,
            "usefulness": 4,
            "practice_change": change,
            "evaluated_at": now - datetime.timedelta(days=days_ago),
        },
    )
    completed_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    Certificate.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "agency_id": user.agency_id,
            "learner_name": user.get_full_name() or user.email,
            "course_title": course.title,
            "cpd_hours": course.cpd_hours,
            "completed_on": completed_on,
            "issued_at": now - datetime.timedelta(days=days_ago),
        },
    )
    return enrolment, completed_on


def seed_impact_demo(*, make_course, step_pages) -> None:
    """``practitioner@demo.example`` answered the follow-up of "Case drift and when to
    escalate" and their manager, ``supervisor@demo.example``, confirmed it;
    ``social.worker@demo.example`` finished it more than 13 weeks ago and has the follow-up
    waiting in "My learning"."""
    users = get_user_model().objects
    practitioner = users.filter(email="practitioner@demo.example").first()
    social_worker = users.filter(email="social.worker@demo.example").first()
    if practitioner is None or social_worker is None:
        return
    course = make_course(
        IMPACT_COURSE_TITLE,
        IMPACT_COURSE_SLUG,
        summary=(
            "When help for a family is not making enough difference for the child: noticing "
            "drift, checking your own sense of what is good enough, and escalating."
        ),
        delivery_mode=DeliveryMode.ELEARNING,
        cpd_hours=1,
        step_pages=step_pages[:1],
    )
    weeks = datetime.timedelta(weeks=TrainingSettings.load().impact_follow_up_weeks)
    now = timezone.now()

    enrolment, completed_on = _completed(
        practitioner,
        course,
        days_ago=130,
        before=2,
        after=4,
        change="Look back over the whole chronology before each review meeting.",
    )
    answered = now - datetime.timedelta(days=30)
    manager = manager_of(practitioner)
    ImpactFollowUp.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "due_on": completed_on + weeks,
            "sent_at": answered - datetime.timedelta(days=2),
            "answered_at": answered,
            "practice_change": (
                "I now bring the chronology to every core group and ask what has changed for "
                "the child since the plan started, not what the parents have done."
            ),
            "example": (
                "At a review of a long-running plan I showed that the school's concerns were "
                "the same as a year ago. We agreed to escalate to a strategy discussion."
            ),
            "confidence_now": 4,
            "manager": manager,
            "manager_answered_at": answered + datetime.timedelta(days=3)
            if manager is not None
            else None,
            "manager_confirms": True if manager is not None else None,
            "manager_comment": "Seen in supervision and at the last core group."
            if manager is not None
            else "",
        },
    )

    enrolment, completed_on = _completed(
        social_worker,
        course,
        days_ago=100,
        before=3,
        after=4,
        change="Ask at every visit whether our help is making a difference for the child.",
    )
    due_on = completed_on + weeks
    ImpactFollowUp.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "due_on": due_on,
            "sent_at": timezone.make_aware(datetime.datetime.combine(due_on, datetime.time(8, 0))),
        },
    )


def seed_impact_volume(rng: random.Random) -> int:
    """Follow-ups for the volume courses' certificates completed more than the follow-up
    interval ago: three in four answered, most of those confirmed by a manager, so the
    report's three-stage figures pass the disclosure rules."""
    weeks = datetime.timedelta(weeks=TrainingSettings.load().impact_follow_up_weeks)
    today = timezone.localdate()
    certificates = Certificate.objects.filter(
        enrolment__course__slug__startswith="volume-course-",
        enrolment__confidence_after__isnull=False,
        completed_on__lte=today - weeks,
        enrolment__impact_follow_up__isnull=True,
    ).values_list("enrolment_id", "completed_on", "enrolment__confidence_after")
    # Volume people have no line managers recorded: a few of them stand in as managers.
    managers = list(
        get_user_model()
        .objects.filter(email__endswith="@volume.example")
        .order_by("pk")
        .values_list("pk", flat=True)[:50]
    )
    new = []
    for enrolment_id, completed_on, after in certificates.iterator():
        due_on = completed_on + weeks
        sent_at = timezone.make_aware(datetime.datetime.combine(due_on, datetime.time(8, 0)))
        follow_up = ImpactFollowUp(enrolment_id=enrolment_id, due_on=due_on, sent_at=sent_at)
        if rng.random() < 0.75:
            follow_up.answered_at = sent_at + datetime.timedelta(days=rng.randint(1, 20))
            follow_up.practice_change = "Volume answer."
            follow_up.example = "Volume example."
            follow_up.confidence_now = max(1, min(5, after + rng.choice([-1, 0, 0, 0, 1])))
            if managers and rng.random() < 0.8:
                follow_up.manager_id = rng.choice(managers)
                follow_up.manager_answered_at = follow_up.answered_at + datetime.timedelta(days=3)
                follow_up.manager_confirms = rng.random() < 0.9
        new.append(follow_up)
    ImpactFollowUp.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    return len(new)
