"""Demo line managers: Morgan Hughes (supervisor@demo.example) has confirmed she manages Priya
Shah and Sam Okafor, whose training shows on her "My team" page (Priya's booking on the next
session, both attending last quarter's, Priya's certificate due for renewal), and Tom Ellis has
named her by mistake, so a request waits for her to decline."""

import datetime

from django.utils import timezone

from courses.models import Certificate, Enrolment
from elearning.accounts.models import ManagerLink
from elearning.accounts.selectors import has_team_forget

# How far inside the 90-day window on the team page the demo certificate expires.
EXPIRES_IN_DAYS = 40


def _link(learner, manager, *, confirmed: bool) -> None:
    if learner is None or manager is None:
        return
    current = ManagerLink.objects.open().filter(learner=learner).first()
    if current is not None and current.manager_id != manager.pk:
        return  # someone changed it in the demo; leave what they did
    now = timezone.now()
    if current is None:
        current = ManagerLink.objects.create(
            learner=learner, manager=manager, requested_at=now - datetime.timedelta(days=30)
        )
    if confirmed and current.confirmed_at is None:
        current.confirmed_at = now - datetime.timedelta(days=29)
        current.save(update_fields=["confirmed_at"])
    has_team_forget(manager)


def _renewal_due(learner, course) -> None:
    """A certificate taken nearly a refresher period ago, so it expires in the next weeks."""
    if learner is None or course is None or not course.refresher_months:
        return
    if Enrolment.objects.filter(user=learner, course=course).exists():
        return
    today = timezone.localdate()
    expires_on = today + datetime.timedelta(days=EXPIRES_IN_DAYS)
    completed_on = expires_on - datetime.timedelta(days=round(course.refresher_months * 30.44))
    completed_at = timezone.make_aware(datetime.datetime.combine(completed_on, datetime.time(11)))
    enrolment = Enrolment.objects.create(
        user=learner,
        course=course,
        agency_id=learner.agency_id,
        enrolled_at=completed_at - datetime.timedelta(days=7),
        confidence_before=2,
        confidence_after=4,
        usefulness=4,
        practice_change="Use the neglect screening tool before every core group.",
        evaluated_at=completed_at,
    )
    Certificate.objects.create(
        enrolment=enrolment,
        learner_name=learner.get_full_name(),
        agency_id=learner.agency_id,
        course_title=course.title,
        cpd_hours=course.cpd_hours or 1,
        completed_on=completed_on,
        expires_on=expires_on,
        issued_at=completed_at,
    )


def seed_team_demo(*, manager, confirmed: list, pending: list, renewal_due=None, course=None):
    for learner in confirmed:
        _link(learner, manager, confirmed=True)
    for learner in pending:
        _link(learner, manager, confirmed=False)
    _renewal_due(renewal_due, course)
