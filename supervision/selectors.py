"""Reads shared by the supervision views and dashboards. Query counts do not grow with the
number of records, cases or flags: counts come from subqueries, never from loops."""

import datetime

from django.db.models import Count, F, Func, IntegerField, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import permissions
from .models import (
    Action,
    ActionStatus,
    Agreement,
    CaseDiscussion,
    CaseReference,
    Escalation,
    Flag,
    Record,
    RecordStatus,
)


def _count_of(queryset):
    """A correlated subquery counting the rows of ``queryset`` (filtered by ``OuterRef``).

    ``COUNT`` as a plain function, not an aggregate, so the subquery has no GROUP BY."""
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def open_actions():
    """Actions not done and not carried into a later record."""
    return Action.objects.filter(carried_to__isnull=True).exclude(status=ActionStatus.DONE)


def next_due(agreement, last_held: datetime.date | None) -> datetime.date:
    return (last_held or agreement.starts_on) + datetime.timedelta(days=agreement.frequency_days)


def active_agreements(today=None):
    """Accepted, started and not ended on ``today``: records may be written under them."""
    today = today or timezone.localdate()
    noon = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    return Agreement.objects.started(noon)


def supervisee_dashboard(user, today=None) -> dict:
    """Next supervision due, open actions, cases with open flags, records awaiting a signature."""
    today = today or timezone.localdate()
    agreements = list(
        active_agreements(today)
        .filter(supervisee=user)
        .select_related("supervisor")
        .annotate(last_held=Max("records__held_on"))
    )
    for agreement in agreements:
        agreement.next_due = next_due(agreement, agreement.last_held)
        agreement.overdue = agreement.next_due < today
    actions = list(
        open_actions()
        .filter(record__supervisee=user)
        .select_related("case", "record")
        .order_by("due_on", "pk")[:50]
    )
    cases = list(
        CaseReference.objects.filter(supervisee=user)
        .annotate(open_flags=Count("flags", filter=Q(flags__response="")))
        .filter(open_flags__gt=0)
        .order_by("reference")
    )
    to_sign = list(
        Record.objects.filter(
            supervisee=user, status=RecordStatus.SENT, supervisee_signed_at__isnull=True
        ).order_by("-held_on")
    )
    return {
        "agreements": agreements,
        "actions": actions,
        "cases": cases,
        "to_sign": to_sign,
        "today": today,
    }


def supervisor_dashboard(user, today=None) -> list:
    """Each current supervisee: last and next supervision, overdue, unsigned records, open
    flags and overdue actions. One query whatever the number of records, cases or flags."""
    today = today or timezone.localdate()
    # Only this agreement's own records: an earlier agreement between the same people
    # grants nothing. Open flags follow the supervisee, whichever agreement raised them.
    records = Record.objects.filter(agreement_id=OuterRef("pk"))
    rows = list(
        active_agreements(today)
        .filter(supervisor=user)
        .select_related("supervisee", "supervisee__agency")
        .annotate(
            last_held=Subquery(records.order_by("-held_on").values("held_on")[:1]),
            unsigned=_count_of(records.exclude(status=RecordStatus.LOCKED)),
            open_flags=_count_of(
                Flag.objects.filter(supervisee_id=OuterRef("supervisee_id"), response="")
            ),
            overdue_actions=_count_of(
                open_actions().filter(record__agreement_id=OuterRef("pk"), due_on__lt=today)
            ),
            awaiting_you=_count_of(
                records.filter(status=RecordStatus.SENT, supervisor_signed_at__isnull=True)
            ),
        )
        .order_by("supervisee__last_name", "supervisee__first_name", "pk")
    )
    for row in rows:
        row.next_due = next_due(row, row.last_held)
        row.overdue = row.next_due < today
    return rows


def timeline(user, case: CaseReference) -> dict:
    """Every discussion of ``case`` that ``user`` may read, oldest first, with its actions
    and flags."""
    discussions = list(
        CaseDiscussion.objects.filter(case=case, record__in=permissions.records_visible_to(user))
        .select_related("record")
        .order_by("record__held_on", "record_id")
    )
    record_ids = {d.record_id for d in discussions}
    actions = list(
        Action.objects.filter(case=case, record_id__in=record_ids, carried_to__isnull=True)
        .select_related("record")
        .order_by("record__held_on", "pk")
    )
    flags = list(permissions.flags_visible_to(user, Flag.objects.filter(case=case)))
    return {"discussions": discussions, "actions": actions, "flags": flags}


def record_contents(record: Record) -> dict:
    """Everything written in ``record``, as its page, print view and PDF show it."""
    discussions = list(
        record.discussions.select_related("case").prefetch_related(
            Prefetch("escalations", queryset=Escalation.objects.select_related("recipient"))
        )
    )
    actions = list(record.actions.select_related("case", "carried_from__record"))
    return {
        "discussions": discussions,
        "carried": [a for a in actions if a.carried_from_id],
        "new_actions": [a for a in actions if not a.carried_from_id],
        "reflections": list(record.reflections.all()),
        "addenda": list(record.addenda.select_related("author")),
        "topics": list(record.topics.select_related("page")),
    }


def awaiting_supervisor_signature(user):
    """Records ``user`` may open that wait for their signature as the supervisor, including
    those sent before an agreement ended and still within the signing grace period."""
    return permissions.records_visible_to(user).filter(
        supervisor_id=user.pk, status=RecordStatus.SENT, supervisor_signed_at__isnull=True
    )


# Escalations -----------------------------------------------------------------------------

ESCALATION_LISTS = ("sent", "raised", "other")


def escalations_for(user, which: str):
    """One of the escalations lists: ``sent`` to ``user``, ``raised`` by them (and sent to
    someone else), or ``other`` escalations in records they may read. Always a subset of
    ``permissions.escalations_visible_to``; open escalations first, then the newest."""
    if which == "sent":
        # Everything sent to a person is visible to them: no need to look at the records.
        chosen = permissions.escalations_sent_to(user)
    elif which == "raised":
        chosen = (
            permissions.escalations_visible_to(user)
            .filter(raised_by_id=user.pk)
            .exclude(recipient_id=user.pk)
        )
    elif which == "other":
        chosen = (
            permissions.escalations_visible_to(user)
            .exclude(recipient_id=user.pk)
            .exclude(raised_by_id=user.pk)
        )
    else:
        raise ValueError(which)
    return chosen.select_related(
        "discussion__case", "discussion__record", "recipient", "raised_by"
    ).order_by(F("outcome_on").asc(nulls_first=True), "-escalated_on", "-pk")


def sent_escalation_counts(user) -> dict:
    """How many escalations were sent to ``user`` (``sent``) and how many of those are open
    (``open_sent``), in one query: what the dashboard panel needs of :func:`escalation_counts`."""
    return permissions.escalations_sent_to(user).aggregate(
        sent=Count("pk"), open_sent=Count("pk", filter=Q(outcome=""))
    )


def escalation_counts(user) -> dict:
    """How many escalations ``user`` may see in each list and how many are open, in one query."""
    me = user.pk
    mine = Q(recipient_id=me) | Q(raised_by_id=me)
    return permissions.escalations_visible_to(user).aggregate(
        sent=Count("pk", filter=Q(recipient_id=me)),
        raised=Count("pk", filter=Q(raised_by_id=me) & ~Q(recipient_id=me)),
        other=Count("pk", filter=~mine),
        open=Count("pk", filter=Q(outcome="")),
        open_sent=Count("pk", filter=Q(outcome="", recipient_id=me)),
    )
