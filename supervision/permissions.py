"""Who may see and do what in supervision. The only place these decisions are made.

Access comes from relationships, never from roles:

- The supervisee always sees their own records.
- The supervisor sees a record only through the agreement it was written under, and only
  while that agreement is current: accepted by the supervisee, not declined, not ended. Another
  agreement between the same two people grants nothing to this record.
- When the agreement ends, a record the supervisee had already sent for the supervisor's
  signature may still be opened and signed by the supervisor for a grace period
  (``SUPERVISION_SIGNING_GRACE_DAYS``, 14 by default). Nothing else stays open.
- A supervisee may share one signed record at a time with another of their current
  supervisors (for example after a handover); that person may read it, not change it, until
  the supervisee revokes the share.
- Open flags and the case list follow the supervisee: every supervisor with a current
  agreement with them sees the rule, dates and figures of their open flags, and their cases'
  timelines, showing only the discussions in records that person may read.
- The named recipient of an escalation sees that one case discussion, not the record.
- Only the record's two parties take a copy away (print or PDF): the supervisee, and the
  supervisor under the record's own agreement while it is current. The signing grace period
  and a share let a person read a record, not keep a copy of it.

Nobody else sees anything: not partnership staff, not partnership admins, not superusers.
Views answer 404 to everyone refused, so a guessed id reveals nothing. Agreements hold no
supervision content: their parties and partnership admins may read them.

Each ``can_*`` decision has a queryset twin (``*_visible_to``) used by lists and reports.
"""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from elearning.accounts.roles import Role, has_role

from .models import (
    Agreement,
    AgreementState,
    CaseDiscussion,
    CaseReference,
    Escalation,
    Flag,
    Record,
    RecordShare,
    RecordStatus,
    current_q,
)

# How a person reaches a record.
SUPERVISEE = "supervisee"
SUPERVISOR = "supervisor"  # under the record's own agreement, which is current
SIGNING_GRACE = "grace"  # former supervisor, record awaiting their signature
SHARED = "shared"  # a current supervisor the supervisee shared this record with


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def grace_period() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "SUPERVISION_SIGNING_GRACE_DAYS", 14))


def _awaiting_supervisor_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": RecordStatus.SENT,
            f"{prefix}supervisor_signed_at__isnull": True,
        }
    )


def _grace_q(now) -> Q:
    """Records under an ended agreement, sent to the supervisor, within the grace period."""
    since = now - grace_period()
    ended_early = Q(agreement__ended_at__isnull=False, agreement__ended_at__gte=since)
    ended_by_date = Q(
        agreement__ended_at__isnull=True,
        agreement__ends_on__isnull=False,
        agreement__ends_on__gte=timezone.localdate(since) - datetime.timedelta(days=1),
    )
    return (
        _awaiting_supervisor_q()
        & Q(agreement__accepted_at__isnull=False, agreement__declined_at__isnull=True)
        & (ended_early | ended_by_date)
    )


def _live_shares(user):
    """Shares with ``user`` that are not revoked, while the agreement under which they were
    made is current."""
    return RecordShare.objects.filter(
        current_q("via_agreement__", now=timezone.now()),
        shared_with_id=user.pk,
        revoked_at__isnull=True,
        via_agreement__supervisor_id=user.pk,
    )


def current_supervisees_q(user, field: str = "supervisee_id", *, now=None) -> Q:
    """Rows whose ``field`` is someone ``user`` supervises under a current agreement."""
    now = now or timezone.now()
    return Q(
        Exists(
            Agreement.objects.filter(current_q(now=now))
            .filter(supervisor_id=user.pk)
            .filter(supervisee_id=OuterRef(field))
        )
    )


# Records ---------------------------------------------------------------------------------


def record_access(user, record: Record, *, now=None) -> str | None:
    """How ``user`` reaches ``record``: one of the constants above, or None."""
    if not _signed_in(user):
        return None
    if record.supervisee_id == user.pk:
        return SUPERVISEE
    now = now or timezone.now()
    agreement = record.agreement
    if agreement.supervisor_id == user.pk and agreement.is_accepted:
        if agreement.is_current(now):
            return SUPERVISOR
        ended = agreement.access_ended_at()
        awaiting = record.status == RecordStatus.SENT and record.supervisor_signed_at is None
        if awaiting and ended is not None and now < ended + grace_period():
            return SIGNING_GRACE
    if _live_shares(user).filter(record_id=record.pk).exists():
        return SHARED
    return None


def records_visible_to(user, queryset=None, *, now=None):
    queryset = Record.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    now = now or timezone.now()
    # Each way in is its own subquery on an index (the person's own records, the supervisor's
    # agreements, the shares with this person) and the three are one list of ids (a UNION):
    # tested row by row inside one OR, every record in the partnership was read to find a
    # person's few (by SQLite for any OR, by PostgreSQL even with each way a subquery).
    # (Unordered: a compound statement's parts may not have an ORDER BY.)
    own = Record.objects.filter(supervisee_id=user.pk).order_by().values("pk")
    as_supervisor = (
        Record.objects.filter(
            Q(agreement__supervisor_id=user.pk)
            & (current_q("agreement__", now=now) | _grace_q(now))
        )
        .order_by()
        .values("pk")
    )
    shared = _live_shares(user).order_by().values("record_id")
    return queryset.filter(pk__in=own.union(as_supervisor, shared))


def can_view_record(user, record: Record) -> bool:
    return record_access(user, record) is not None


def is_party_with_current_access(user, record: Record) -> bool:
    """The supervisee, or the supervisor under the record's own current agreement."""
    access = record_access(user, record)
    if access == SUPERVISEE:
        return record.agreement.is_accepted
    return access == SUPERVISOR


def can_edit_record(user, record: Record) -> bool:
    """Either party edits a draft while its agreement is current; nobody edits a record once
    sent or locked, and nothing changes under an ended agreement."""
    return (
        record.status == RecordStatus.DRAFT
        and record.agreement.is_current()
        and is_party_with_current_access(user, record)
    )


def can_sign_record(user, record: Record) -> bool:
    """The party who has not yet signed a sent record, while the agreement is current or,
    for the supervisor, within the grace period after it ended."""
    if record.status != RecordStatus.SENT:
        return False
    access = record_access(user, record)
    if access == SUPERVISEE:
        return record.supervisee_signed_at is None and (
            record.agreement.is_current() or _within_grace(record)
        )
    if access in (SUPERVISOR, SIGNING_GRACE):
        return record.supervisor_signed_at is None
    return False


def _within_grace(record: Record) -> bool:
    ended = record.agreement.access_ended_at()
    return ended is not None and timezone.now() < ended + grace_period()


def can_return_record(user, record: Record) -> bool:
    return (
        record.status == RecordStatus.SENT
        and record.agreement.is_current()
        and is_party_with_current_access(user, record)
    )


def can_add_addendum(user, record: Record) -> bool:
    """The supervisee always may; the supervisor only while the agreement is current."""
    if not record.is_locked:
        return False
    access = record_access(user, record)
    return access in (SUPERVISEE, SUPERVISOR)


def can_export_record(user, record: Record) -> bool:
    """The supervisee, or the supervisor while the record's own agreement is current."""
    return record_access(user, record) in (SUPERVISEE, SUPERVISOR)


def is_record_supervisor(user, record: Record) -> bool:
    return record_access(user, record) in (SUPERVISOR, SIGNING_GRACE)


def can_share_record(user, record: Record) -> bool:
    """Only the supervisee shares, and only a signed record."""
    return record.is_locked and record_access(user, record) == SUPERVISEE


def share_recipients(user, record: Record):
    """The people ``user`` may share ``record`` with: their current supervisors, except the
    record's own supervisor while its agreement still gives them access."""
    from elearning.accounts.models import User

    if not can_share_record(user, record):
        return User.objects.none()
    supervisors = Agreement.objects.current().filter(supervisee_id=user.pk)
    if record.agreement.is_current():
        supervisors = supervisors.exclude(supervisor_id=record.supervisor_id)
    supervisor_ids = supervisors.values("supervisor_id")
    return User.objects.filter(pk__in=supervisor_ids, is_active=True)


# Case discussions and cases --------------------------------------------------------------


def can_view_discussion(user, discussion: CaseDiscussion) -> bool:
    """Whoever may read the record, and anyone the discussion was escalated to."""
    if can_view_record(user, discussion.record):
        return True
    return _signed_in(user) and discussion.escalations.filter(recipient_id=user.pk).exists()


def cases_visible_to(user, queryset=None):
    """Cases whose timeline ``user`` may open: their own, their current supervisees', and
    those discussed in a record shared with them."""
    queryset = CaseReference.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    return queryset.filter(Q(supervisee_id=user.pk) | current_supervisees_q(user))


def can_view_case(user, case: CaseReference) -> bool:
    return cases_visible_to(user, CaseReference.objects.filter(pk=case.pk)).exists()


# Flags and escalations -------------------------------------------------------------------


def flags_visible_to(user, queryset=None):
    """The supervisee's own flags; for each current supervisor, the supervisee's open flags
    and every flag raised under that supervisor's own current agreement."""
    queryset = Flag.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    now = timezone.now()
    own_current = Q(agreement__supervisor_id=user.pk) & current_q("agreement__", now=now)
    return queryset.filter(
        Q(supervisee_id=user.pk) | (current_supervisees_q(user) & (Q(response="") | own_current))
    )


def can_view_flag(user, flag: Flag) -> bool:
    return flags_visible_to(user, Flag.objects.filter(pk=flag.pk)).exists()


def can_respond_to_flag(user, flag: Flag) -> bool:
    """A current supervisor of the flag's supervisee records the response; the supervisee
    sees it."""
    return (
        _signed_in(user)
        and flag.supervisee_id != user.pk
        and Agreement.objects.current()
        .filter(supervisor_id=user.pk, supervisee_id=flag.supervisee_id)
        .exists()
    )


def escalations_sent_to(user, queryset=None):
    """Escalations sent to ``user``: the part of :func:`escalations_visible_to` that needs no
    look at the records, for lists and counts of what waits for this person."""
    queryset = Escalation.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    return queryset.filter(recipient_id=user.pk)


def escalations_visible_to(user, queryset=None):
    """Escalations sent to ``user`` and those in records ``user`` may read."""
    queryset = Escalation.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    # As in records_visible_to: the discussions as a subquery, so both ways in use an index.
    discussions = CaseDiscussion.objects.filter(record__in=records_visible_to(user)).values("pk")
    return queryset.filter(Q(recipient_id=user.pk) | Q(discussion__in=discussions))


def can_view_escalation(user, escalation: Escalation) -> bool:
    return _signed_in(user) and (
        escalation.recipient_id == user.pk or can_view_record(user, escalation.discussion.record)
    )


def can_escalate(user, record: Record) -> bool:
    return is_party_with_current_access(user, record)


def can_record_escalation_outcome(user, escalation: Escalation) -> bool:
    return _signed_in(user) and (
        escalation.recipient_id == user.pk
        or is_party_with_current_access(user, escalation.discussion.record)
    )


# Agreements ------------------------------------------------------------------------------


def agreements_visible_to(user, queryset=None):
    """The two parties see their agreements; partnership admins manage them all. Agreements
    hold no supervision content."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    if has_role(user, Role.ADMIN):
        return queryset
    return queryset.filter(Q(supervisee_id=user.pk) | Q(supervisor_id=user.pk))


def can_view_agreement(user, agreement: Agreement) -> bool:
    return agreements_visible_to(user, Agreement.objects.filter(pk=agreement.pk)).exists()


def is_agreement_party(user, agreement: Agreement) -> bool:
    return _signed_in(user) and user.pk in (agreement.supervisee_id, agreement.supervisor_id)


def can_propose_agreement(user) -> bool:
    return has_role(user, Role.ADMIN) or has_role(user, Role.SUPERVISOR)


def can_propose_for(user, *, supervisee, supervisor) -> str | None:
    """Why ``user`` may not propose this agreement, or None. Supervisors propose only as
    the supervisor; admins propose for others, never for an agreement they are part of."""
    if not can_propose_agreement(user):
        return "role"
    party = user.pk in (supervisee.pk, supervisor.pk)
    if has_role(user, Role.ADMIN) and party:
        return "admin_party"
    if not has_role(user, Role.ADMIN) and supervisor.pk != user.pk:
        return "not_supervisor"
    return None


def can_change_proposal(user, agreement: Agreement) -> bool:
    """Terms change only before acceptance, by the supervisor named or an admin who is not a
    party. An accepted agreement can only be ended; new terms need a new agreement."""
    if agreement.state() != AgreementState.PROPOSED:
        return False
    if has_role(user, Role.ADMIN) and not is_agreement_party(user, agreement):
        return True
    return has_role(user, Role.SUPERVISOR) and agreement.supervisor_id == user.pk


def can_answer_agreement(user, agreement: Agreement) -> bool:
    """Only the supervisee accepts or declines, and only a proposal."""
    return (
        _signed_in(user)
        and agreement.supervisee_id == user.pk
        and agreement.state() == AgreementState.PROPOSED
    )


def can_end_agreement(user, agreement: Agreement) -> bool:
    """Either party or a partnership admin ends an accepted agreement; the supervisor, the
    proposer or an admin withdraws a proposal."""
    state = agreement.state()
    if state == AgreementState.PROPOSED:
        # The supervisee answers a proposal (declining it); the others may withdraw it.
        return _signed_in(user) and (
            user.pk in (agreement.supervisor_id, agreement.created_by_id)
            or has_role(user, Role.ADMIN)
        )
    if state not in (AgreementState.ACTIVE, AgreementState.DUE):
        return False
    return is_agreement_party(user, agreement) or has_role(user, Role.ADMIN)


def can_start_record(user, agreement: Agreement) -> bool:
    """Either party, under a current agreement whose start date has come."""
    return (
        is_agreement_party(user, agreement)
        and agreement.is_current()
        and agreement.starts_on <= timezone.localdate()
    )


def is_supervisor(user) -> bool:
    return has_role(user, Role.SUPERVISOR)
