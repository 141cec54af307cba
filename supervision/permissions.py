"""Who may see and do what in supervision. The only place these decisions are made.

A record is visible to its supervisee and to a supervisor under an agreement with that
supervisee that was active on the record's date. The named recipient of an escalation sees
that one case discussion, not the record. Nobody else sees anything: not partnership staff,
not partnership admins, not superusers. Views answer 404 to everyone refused, so a guessed id
reveals nothing.
"""

from django.db.models import Exists, OuterRef, Q

from elearning.accounts.roles import Role, has_role

from .models import Agreement, CaseDiscussion, CaseReference, Escalation, Flag, Record


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _supervising_on_record_date(user):
    """An agreement of ``user`` as supervisor, with the record's supervisee, active on the
    record's date."""
    return Agreement.objects.filter(
        supervisor_id=user.pk,
        supervisee_id=OuterRef("supervisee_id"),
        starts_on__lte=OuterRef("held_on"),
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=OuterRef("held_on")))


# Records ---------------------------------------------------------------------------------


def records_visible_to(user, queryset=None):
    queryset = Record.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    return queryset.filter(Q(supervisee_id=user.pk) | Exists(_supervising_on_record_date(user)))


def can_view_record(user, record: Record) -> bool:
    if not _signed_in(user):
        return False
    if record.supervisee_id == user.pk:
        return True
    return Agreement.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=record.held_on),
        supervisor_id=user.pk,
        supervisee_id=record.supervisee_id,
        starts_on__lte=record.held_on,
    ).exists()


def can_edit_record(user, record: Record) -> bool:
    """Either party edits a draft; nobody edits a record once sent or locked."""
    return record.status == "draft" and can_view_record(user, record)


def is_record_supervisor(user, record: Record) -> bool:
    return record.supervisee_id != user.pk and can_view_record(user, record)


# Case discussions and cases --------------------------------------------------------------


def can_view_discussion(user, discussion: CaseDiscussion) -> bool:
    """The record's parties, and anyone the discussion was escalated to."""
    if can_view_record(user, discussion.record):
        return True
    return _signed_in(user) and discussion.escalations.filter(recipient_id=user.pk).exists()


def cases_visible_to(user, queryset=None):
    """Cases whose timeline ``user`` may open: their own, and their current supervisees'."""
    queryset = CaseReference.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    visible_records = records_visible_to(user).filter(supervisee_id=OuterRef("supervisee_id"))
    return queryset.filter(Q(supervisee_id=user.pk) | Exists(visible_records))


def can_view_case(user, case: CaseReference) -> bool:
    return cases_visible_to(user, CaseReference.objects.filter(pk=case.pk)).exists()


# Flags and escalations -------------------------------------------------------------------


def flags_visible_to(user, queryset=None):
    queryset = Flag.objects.all() if queryset is None else queryset
    if not _signed_in(user):
        return queryset.none()
    return queryset.filter(Q(supervisee_id=user.pk) | Q(agreement__supervisor_id=user.pk))


def can_view_flag(user, flag: Flag) -> bool:
    return _signed_in(user) and (
        flag.supervisee_id == user.pk or flag.agreement.supervisor_id == user.pk
    )


def can_respond_to_flag(user, flag: Flag) -> bool:
    """Only the supervisor records a response; the supervisee sees it."""
    return _signed_in(user) and flag.agreement.supervisor_id == user.pk


def can_view_escalation(user, escalation: Escalation) -> bool:
    return _signed_in(user) and (
        escalation.recipient_id == user.pk or can_view_record(user, escalation.discussion.record)
    )


def can_record_escalation_outcome(user, escalation: Escalation) -> bool:
    return can_view_escalation(user, escalation)


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


def can_create_agreement(user) -> bool:
    return has_role(user, Role.ADMIN) or has_role(user, Role.SUPERVISOR)


def can_change_agreement(user, agreement: Agreement) -> bool:
    return has_role(user, Role.ADMIN) or (
        has_role(user, Role.SUPERVISOR) and agreement.supervisor_id == user.pk
    )


def can_start_record(user, agreement: Agreement) -> bool:
    return _signed_in(user) and user.pk in (agreement.supervisee_id, agreement.supervisor_id)


def is_supervisor(user) -> bool:
    return has_role(user, Role.SUPERVISOR)
