"""Impact on practice three months on: scheduling and sending the follow-up, the learner's
answer and their line manager's confirmation or comment.

A follow-up is made for each certificate when the daily reminders run, due a set number of
weeks after completion (Settings → Training). It is sent once, with at most one reminder,
claimed with a conditional update so a second run of the task sends nothing more. The
learner answers once; their confirmed line manager at that moment is then asked, once.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import notifications
from ..models import Certificate, ImpactFollowUp, TrainingSettings
from ..people import manager_of
from ..permissions import can_answer_follow_up, can_confirm_follow_up
from .common import CourseRefusal

# A certificate whose follow-up fell due more than this long ago gets none: switching the
# feature on, or lengthening the interval, does not ask people about courses long past.
LATE_LIMIT = datetime.timedelta(days=28)
# The one reminder goes this long after the follow-up when it is still unanswered.
REMIND_AFTER = datetime.timedelta(days=14)
MAX_ANSWER = 2000
CONFIDENCE_RANGE = range(1, 6)


def follow_up_weeks() -> int:
    return TrainingSettings.load().impact_follow_up_weeks


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def follow_up_url(follow_up: ImpactFollowUp) -> str:
    return _site_url(reverse("courses:impact_follow_up", args=[follow_up.pk]))


def manager_url(follow_up: ImpactFollowUp) -> str:
    return _site_url(reverse("courses:impact_manager", args=[follow_up.pk]))


# --- Scheduling and sending ----------------------------------------------------------------


def follow_ups_schedule(*, today: datetime.date | None = None) -> int:
    """Make the follow-up of each recent certificate that has none; returns how many."""
    today = today or timezone.localdate()
    interval = datetime.timedelta(weeks=follow_up_weeks())
    new = [
        ImpactFollowUp(enrolment_id=enrolment_id, due_on=completed_on + interval)
        for enrolment_id, completed_on in Certificate.objects.not_revoked()
        .filter(
            completed_on__gte=today - interval - LATE_LIMIT,
            enrolment__impact_follow_up__isnull=True,
        )
        .values_list("enrolment_id", "completed_on")
    ]
    # A second run at the same moment makes nothing twice: one follow-up per enrolment.
    ImpactFollowUp.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _claim_and_send(queryset, field: str, now: datetime.datetime) -> int:
    sent = 0
    for follow_up in queryset.select_related("enrolment__user", "enrolment__course"):
        # Claimed and queued together: a task killed between the two loses nothing.
        with transaction.atomic():
            claimed = ImpactFollowUp.objects.filter(
                pk=follow_up.pk, **{f"{field}__isnull": True}, answered_at__isnull=True
            ).update(**{field: now})
            if claimed:
                notifications.impact_follow_up_due(
                    enrolment=follow_up.enrolment, url=follow_up_url(follow_up)
                )
                sent += 1
    return sent


def follow_ups_send(*, now: datetime.datetime | None = None) -> dict:
    """The daily run: schedule new follow-ups, send those due, remind once. Each e-mail is
    sent once however often this runs. People who have left, and certificates that were
    revoked, are not asked."""
    now = now or timezone.now()
    scheduled = follow_ups_schedule(today=timezone.localdate(now))
    # A revoked certificate's course is not asked about.
    current = ImpactFollowUp.objects.filter(
        answered_at__isnull=True,
        enrolment__user__is_active=True,
        enrolment__certificate__revoked_at__isnull=True,
    )
    sent = _claim_and_send(
        current.filter(sent_at__isnull=True, due_on__lte=timezone.localdate(now)),
        "sent_at",
        now,
    )
    reminded = _claim_and_send(
        current.filter(reminded_at__isnull=True, sent_at__lte=now - REMIND_AFTER),
        "reminded_at",
        now,
    )
    return {"scheduled": scheduled, "sent": sent, "reminded": reminded}


# --- Answers -------------------------------------------------------------------------------


def _locked(follow_up: ImpactFollowUp) -> ImpactFollowUp:
    return (
        ImpactFollowUp.objects.select_for_update()
        .select_related("enrolment__user", "enrolment__course")
        .get(pk=follow_up.pk)
    )


def _too_long(errors: dict, **texts) -> None:
    for name, text in texts.items():
        if len(text) > MAX_ANSWER:
            errors.setdefault(
                name, _("Keep it to %(count)s characters or fewer.") % {"count": MAX_ANSWER}
            )


def follow_up_answer(
    *,
    follow_up: ImpactFollowUp,
    user,
    practice_change: str,
    example: str,
    confidence_now: int,
    now: datetime.datetime | None = None,
) -> ImpactFollowUp:
    """The learner says what they now do differently, with an example, and how confident
    they feel (1 to 5). Once, from the day it is due. Their line manager is then asked."""
    now = now or timezone.now()
    with transaction.atomic():
        follow_up = _locked(follow_up)
        if not can_answer_follow_up(user, follow_up):
            raise CourseRefusal(_("You can only answer your own follow-up."))
        if follow_up.answered_at is not None:
            raise CourseRefusal(_("You have already answered this follow-up. Thank you."))
        if timezone.localdate(now) < follow_up.due_on:
            raise CourseRefusal(
                _("This follow-up opens on %(date)s.")
                % {"date": date_format(follow_up.due_on, "j F Y")}
            )
        practice_change, example = (practice_change or "").strip(), (example or "").strip()
        errors = {}
        if not practice_change:
            errors["practice_change"] = _("Say what you now do differently.")
        if not example:
            errors["example"] = _("Give an example from your practice.")
        if isinstance(confidence_now, bool) or confidence_now not in CONFIDENCE_RANGE:
            errors["confidence_now"] = _("Choose how confident you feel now, from 1 to 5.")
        _too_long(errors, practice_change=practice_change, example=example)
        if errors:
            raise CourseRefusal(errors)
        manager = manager_of(follow_up.enrolment.user)
        if manager is not None and not manager.is_active:
            manager = None
        follow_up.practice_change = practice_change
        follow_up.example = example
        follow_up.confidence_now = confidence_now
        follow_up.answered_at = now
        follow_up.manager = manager
        follow_up.full_clean()
        follow_up.save()
        if manager is not None:
            notifications.impact_manager_asked(
                enrolment=follow_up.enrolment, manager=manager, url=manager_url(follow_up)
            )
    return follow_up


def follow_up_manager_answer(
    *,
    follow_up: ImpactFollowUp,
    manager,
    confirms: bool,
    comment: str,
    now: datetime.datetime | None = None,
) -> ImpactFollowUp:
    """The learner's line manager confirms the change in practice or says why not, once.
    A comment is optional with a confirmation and needed without one."""
    now = now or timezone.now()
    with transaction.atomic():
        follow_up = _locked(follow_up)
        if not can_confirm_follow_up(manager, follow_up):
            raise CourseRefusal(_("Only the learner's line manager can answer this."))
        if follow_up.manager_answered_at is not None:
            raise CourseRefusal(_("You have already answered for this follow-up. Thank you."))
        comment = (comment or "").strip()
        errors = {}
        if not isinstance(confirms, bool):
            errors["manager_confirms"] = _("Choose whether you have seen this change.")
        elif not confirms and not comment:
            errors["manager_comment"] = _("Say what you have seen, or why you cannot confirm it.")
        _too_long(errors, manager_comment=comment)
        if errors:
            raise CourseRefusal(errors)
        follow_up.manager_confirms = confirms
        follow_up.manager_comment = comment
        follow_up.manager_answered_at = now
        follow_up.full_clean()
        follow_up.save()
    return follow_up
