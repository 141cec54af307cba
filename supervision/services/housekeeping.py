"""Retention and reminders."""

import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from elearning.core.emails import email_send

from ..models import (
    AccessLogEntry,
    Action,
    ActionStatus,
    Agreement,
    CaseDiscussion,
    CaseReference,
    Escalation,
    Record,
    RecordStatus,
    Topic,
    current_q,
)
from .access_log import access_log
from .common import midday
from .flags import _settings


def records_past_retention(today: datetime.date | None = None):
    today = today or timezone.localdate()
    years = _settings().retention_years
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return Record.objects.filter(held_on__lt=cutoff, legal_hold=False)


@transaction.atomic
def records_delete_past_retention(today: datetime.date | None = None) -> int:
    """Delete records past retention (not those on legal hold), logging each deletion."""
    records = list(
        records_past_retention(today)
        .select_related("supervisee")
        .prefetch_related(
            Prefetch(
                "discussions", queryset=CaseDiscussion.objects.only("pk", "record_id", "case_id")
            )
        )
    )
    for record in records:
        access_log(
            user=None,
            record=record,
            action=AccessLogEntry.Action.DELETE,
            what=f"Record of {record.held_on.isoformat()} deleted (retention)",
        )
        Topic.objects.filter(record=record).delete()
        Escalation.objects.filter(discussion__record=record).delete()
        record.delete()
    # Cases no longer discussed anywhere go too, with their flags.
    CaseReference.objects.filter(discussions__isnull=True, actions__isnull=True).delete()
    return len(records)


# Reminders -------------------------------------------------------------------------------


def reminders_send(today: datetime.date | None = None) -> dict:
    """Supervision due within three days or overdue, actions due, records unsigned a week."""
    from django.db.models import Max

    from ..selectors import next_due

    today = today or timezone.localdate()
    sent = {"due": 0, "actions": 0, "unsigned": 0}
    agreements = (
        Agreement.objects.started(midday(today))
        .select_related("supervisee", "supervisor")
        .annotate(last_held=Max("records__held_on"))
    )
    for agreement in agreements:
        due = next_due(agreement, agreement.last_held)
        if due - today <= datetime.timedelta(days=3) and agreement.reminded_for != due:
            email_send(
                subject=_("Supervision is due"),
                body=_(
                    "Supervision between you is due by %(date)s under your agreement. "
                    "Please arrange a time."
                )
                % {"date": date_format(due, "j F Y")},
                to=[agreement.supervisee.email, agreement.supervisor.email],
                key=f"supervision-due:{agreement.pk}:{due.isoformat()}",
            )
            Agreement.objects.filter(pk=agreement.pk).update(reminded_for=due)
            sent["due"] += 1
    actions = (
        Action.objects.filter(
            record__status=RecordStatus.LOCKED,
            carried_to__isnull=True,
            due_on__lte=today + datetime.timedelta(days=2),
            reminded_at__isnull=True,
        )
        .exclude(status=ActionStatus.DONE)
        .select_related("record__supervisee")
    )
    for action in actions:
        email_send(
            subject=_("An action from supervision is due"),
            body=_("An action agreed in supervision is due by %(date)s. Sign in to see it.")
            % {"date": date_format(action.due_on, "j F Y")},
            to=[action.record.supervisee.email],
            key=f"supervision-action-due:{action.pk}",
        )
        sent["actions"] += 1
    actions.update(reminded_at=timezone.now())
    week_ago = timezone.now() - datetime.timedelta(days=7)
    unsigned = Record.objects.filter(
        current_q("agreement__", now=timezone.now()),
        status__in=[RecordStatus.DRAFT, RecordStatus.SENT],
        created_at__lte=week_ago,
        unsigned_reminded_at__isnull=True,
    ).select_related("supervisee", "supervisor")
    for record in unsigned:
        email_send(
            subject=_("A supervision record is not yet signed"),
            body=_(
                "The record of supervision held on %(date)s has not been signed by both of "
                "you after a week. Sign in to finish it."
            )
            % {"date": date_format(record.held_on, "j F Y")},
            to=[record.supervisee.email, record.supervisor.email],
            key=f"supervision-unsigned:{record.pk}",
        )
        sent["unsigned"] += 1
    unsigned.update(unsigned_reminded_at=timezone.now())
    return sent
