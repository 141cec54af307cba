"""Agreements: proposed, accepted or declined by the supervisee, and ended."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from elearning.core.emails import email_send

from .. import permissions
from ..models import (
    AccessLogEntry,
    Agreement,
    AgreementState,
    current_q,
)
from .access_log import access_log
from .common import SupervisionError, _full_clean


def backdate_allowance() -> datetime.timedelta:
    """How far before its proposal an agreement may start (a session held a few days before
    the agreement was written down)."""
    return datetime.timedelta(days=getattr(settings, "SUPERVISION_AGREEMENT_BACKDATE_DAYS", 7))


def _parties(agreement: Agreement) -> str:
    return _("%(supervisee)s (supervisee) and %(supervisor)s (supervisor)") % {
        "supervisee": agreement.supervisee.get_full_name() or agreement.supervisee.email,
        "supervisor": agreement.supervisor.get_full_name() or agreement.supervisor.email,
    }


def _log_and_tell(by, agreement: Agreement, *, step: str, subject: str, body: str, ip) -> None:
    """Every step of an agreement is logged against the supervisee and told to both people
    by e-mail, with no details in the e-mail."""
    access_log(
        user=by,
        record=None,
        supervisee=agreement.supervisee,
        action=AccessLogEntry.Action.CHANGE,
        what=f"Agreement {agreement.pk} {step}",
        ip=ip,
    )
    email_send(
        subject=subject,
        body=body + "\n\n" + _("Sign in to read the agreement; no details are given here."),
        to=[agreement.supervisee.email, agreement.supervisor.email],
    )


def _check_terms(
    agreement: Agreement, *, now: datetime.datetime, proposed_at: datetime.datetime | None = None
) -> None:
    """Rules on the terms of a proposal, new or changed. Changed terms are proposed anew, so
    the start date is checked against the moment of the change."""
    if agreement.supervisee_id == agreement.supervisor_id:
        raise SupervisionError(_("The supervisee and the supervisor must be different people."))
    if not permissions.is_supervisor(agreement.supervisor):
        raise SupervisionError(_("The supervisor must have the supervisor role."))
    if not agreement.supervisee.is_active or not agreement.supervisor.is_active:
        raise SupervisionError(_("Both people must have active accounts."))
    earliest = timezone.localdate(proposed_at or agreement.proposed_at) - backdate_allowance()
    if agreement.starts_on < earliest:
        raise SupervisionError(
            _(
                "An agreement cannot start more than %(days)s days before it is proposed. "
                "Choose a start date on or after %(date)s."
            )
            % {"days": backdate_allowance().days, "date": date_format(earliest, "j F Y")}
        )
    if agreement.starts_on > timezone.localdate(now) + datetime.timedelta(days=366):
        raise SupervisionError(_("An agreement must start within a year of being proposed."))
    if agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise SupervisionError(_("The agreement cannot end before it starts."))
    if agreement.ends_on and agreement.ends_on < timezone.localdate(now):
        raise SupervisionError(_("The end date has already passed."))
    _full_clean(agreement, exclude=["created_by", "ended_by"])


def _lock_pair(supervisee_id: int, supervisor_id: int) -> None:
    """Serialise proposals for the same pair so two at once cannot both pass the check."""
    from elearning.accounts.models import User

    list(User.objects.select_for_update().filter(pk__in=[supervisee_id, supervisor_id]))


@transaction.atomic
def agreement_propose(
    *,
    by,
    supervisee,
    supervisor,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    frequency_days: int = 28,
    confidentiality: str = "",
    disagreement: str = "",
    now: datetime.datetime | None = None,
    ip: str | None = None,
) -> Agreement:
    """Propose an agreement. It grants nothing until the supervisee accepts it.

    Supervisors propose themselves as the supervisor; partnership admins name both people
    but are never a party to an agreement they propose."""
    now = now or timezone.now()
    refusal = permissions.can_propose_for(by, supervisee=supervisee, supervisor=supervisor)
    if refusal == "role":
        raise SupervisionError(_("You cannot propose supervision agreements."))
    if refusal == "admin_party":
        raise SupervisionError(
            _(
                "You cannot propose an agreement you are part of as an admin. Ask another "
                "admin, or your supervisor, to propose it."
            )
        )
    if refusal == "not_supervisor":
        raise SupervisionError(_("Supervisors propose agreements in which they supervise."))
    agreement = Agreement(
        supervisee=supervisee,
        supervisor=supervisor,
        starts_on=starts_on,
        ends_on=ends_on,
        frequency_days=frequency_days,
        confidentiality=confidentiality.strip(),
        disagreement=disagreement.strip(),
        created_by=by,
        proposed_at=now,
    )
    _check_terms(agreement, now=now)
    _lock_pair(supervisee.pk, supervisor.pk)
    pending_or_current = Agreement.objects.filter(
        supervisee=supervisee, supervisor=supervisor, declined_at__isnull=True
    ).filter(Q(accepted_at__isnull=True, ended_at__isnull=True) | current_q(now=now))
    if pending_or_current.exists():
        raise SupervisionError(
            _(
                "These two people already have a current or proposed agreement. End or "
                "withdraw it before proposing another."
            )
        )
    agreement.save()
    _log_and_tell(
        by,
        agreement,
        step="proposed",
        ip=ip,
        subject=_("A supervision agreement has been proposed"),
        body=_(
            "A supervision agreement between %(parties)s has been proposed. It starts only "
            "when the supervisee accepts it in the site; they may also decline it."
        )
        % {"parties": _parties(agreement)},
    )
    return agreement


# What may change in a proposal before it is accepted.
PROPOSAL_FIELDS = ("starts_on", "ends_on", "frequency_days", "confidentiality", "disagreement")


@transaction.atomic
def agreement_update(
    *, by, agreement: Agreement, now: datetime.datetime | None = None, ip=None, **terms
) -> Agreement:
    """Change the terms of a proposal. Accepted agreements are never changed: they are ended
    and a new one proposed, so the supervisee always consents to the terms in force."""
    now = now or timezone.now()
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not permissions.can_change_proposal(by, agreement):
        raise SupervisionError(
            _(
                "Only a proposal waiting for the supervisee can be changed. To change an "
                "accepted agreement, end it and propose a new one."
            )
        )
    if set(terms) - set(PROPOSAL_FIELDS):
        raise SupervisionError(_("Those details cannot be changed here."))
    for name, value in terms.items():
        setattr(agreement, name, value.strip() if isinstance(value, str) else value)
    _check_terms(agreement, now=now, proposed_at=now)
    agreement.terms_version += 1
    agreement.save()
    _log_and_tell(
        by,
        agreement,
        step="proposal changed",
        ip=ip,
        subject=_("A proposed supervision agreement has changed"),
        body=_("The proposed supervision agreement between %(parties)s has new terms.")
        % {"parties": _parties(agreement)},
    )
    return agreement


def _answerable(by, agreement: Agreement, terms_version: int) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not permissions.can_answer_agreement(by, agreement):
        raise SupervisionError(_("Only the supervisee can answer a proposed agreement."))
    if agreement.terms_version != terms_version:
        raise SupervisionError(
            _("The proposal changed while you were reading it. Read it again before answering.")
        )
    return agreement


@transaction.atomic
def agreement_accept(
    *,
    by,
    agreement: Agreement,
    terms_version: int,
    now: datetime.datetime | None = None,
    ip: str | None = None,
) -> Agreement:
    """The supervisee accepts the terms they read. From now, it is current."""
    now = now or timezone.now()
    agreement = _answerable(by, agreement, terms_version)
    if agreement.ends_on and agreement.ends_on < timezone.localdate(now):
        raise SupervisionError(_("This proposal's end date has passed. Ask for a new one."))
    agreement.accepted_at = now
    agreement.save(update_fields=["accepted_at"])
    _log_and_tell(
        by,
        agreement,
        step="accepted",
        ip=ip,
        subject=_("A supervision agreement has been accepted"),
        body=_("The supervision agreement between %(parties)s has been accepted.")
        % {"parties": _parties(agreement)},
    )
    return agreement


@transaction.atomic
def agreement_decline(
    *,
    by,
    agreement: Agreement,
    terms_version: int,
    reason: str = "",
    now: datetime.datetime | None = None,
    ip: str | None = None,
) -> Agreement:
    now = now or timezone.now()
    agreement = _answerable(by, agreement, terms_version)
    agreement.declined_at = now
    agreement.decline_reason = reason.strip()[:2000]
    agreement.save(update_fields=["declined_at", "decline_reason"])
    _log_and_tell(
        by,
        agreement,
        step="declined",
        ip=ip,
        subject=_("A proposed supervision agreement has been declined"),
        body=_("The supervisee has declined the proposed agreement between %(parties)s.")
        % {"parties": _parties(agreement)},
    )
    return agreement


@transaction.atomic
def agreement_end(
    *, by, agreement: Agreement, now: datetime.datetime | None = None, ip: str | None = None
) -> Agreement:
    """End an agreement now (or withdraw a proposal). The former supervisor loses access
    at once, apart from records already sent to them to sign (see ``permissions``)."""
    now = now or timezone.now()
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not permissions.can_end_agreement(by, agreement):
        raise SupervisionError(_("This agreement has already ended or cannot be ended by you."))
    was_proposal = agreement.state(now) == AgreementState.PROPOSED
    agreement.ended_at = now
    agreement.ended_by = by
    today = timezone.localdate(now)
    if not was_proposal and (agreement.ends_on is None or agreement.ends_on > today):
        agreement.ends_on = max(today, agreement.starts_on)
    agreement.save(update_fields=["ended_at", "ended_by", "ends_on"])
    if was_proposal:
        subject = _("A proposed supervision agreement has been withdrawn")
        body = _("The proposed agreement between %(parties)s has been withdrawn.")
    else:
        subject = _("A supervision agreement has ended")
        body = _(
            "The supervision agreement between %(parties)s has ended. The supervisor no "
            "longer has access to its records, except any record already sent to them to "
            "sign, for %(days)s days."
        )
    _log_and_tell(
        by,
        agreement,
        step="withdrawn" if was_proposal else "ended",
        ip=ip,
        subject=subject,
        body=body % {"parties": _parties(agreement), "days": permissions.grace_period().days},
    )
    return agreement
