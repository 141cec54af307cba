"""Supervision agreements: proposed, accepted by the supervisee, ended."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgreementState(models.TextChoices):
    """Where an agreement stands; worked out from its dates and answers, never stored."""

    PROPOSED = "proposed", _("Waiting for the supervisee to accept")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACTIVE = "active", _("Active")
    DUE = "due", _("Accepted, starts later")
    ENDED = "ended", _("Ended")


AGREEMENT_STATES = dict(AgreementState.choices)


class AgreementQuerySet(models.QuerySet):
    def current(self, now: datetime.datetime | None = None):
        """Accepted, not declined and not ended: the agreements that grant access now."""
        now = now or timezone.now()
        return self.filter(current_q(now=now))

    def started(self, now: datetime.datetime | None = None):
        """Current agreements whose start date has come: records can be written under them."""
        now = now or timezone.now()
        return self.current(now).filter(starts_on__lte=timezone.localdate(now))


def current_q(prefix: str = "", *, now: datetime.datetime) -> models.Q:
    """The ``current`` condition, usable through a relation (``prefix='agreement__'``)."""
    today = timezone.localdate(now)
    return models.Q(
        **{
            f"{prefix}accepted_at__isnull": False,
            f"{prefix}declined_at__isnull": True,
            f"{prefix}ended_at__isnull": True,
        }
    ) & (
        models.Q(**{f"{prefix}ends_on__isnull": True})
        | models.Q(**{f"{prefix}ends_on__gte": today})
    )


class Agreement(models.Model):
    """A supervision agreement between a supervisee and a supervisor for a period."""

    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_agreements",
        verbose_name=_("supervisee"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervising_agreements",
        verbose_name=_("supervisor"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Leave empty while it continues.")
    )
    frequency_days = models.PositiveSmallIntegerField(
        _("expected frequency (days)"),
        default=28,
        validators=[MinValueValidator(7), MaxValueValidator(183)],
        help_text=_("How often supervision should take place, in days (for example 28)."),
    )
    confidentiality = models.TextField(
        _("confidentiality"),
        blank=True,
        help_text=_("What stays between you, and when information must be shared."),
    )
    disagreement = models.TextField(
        _("how disagreement is recorded"),
        blank=True,
        help_text=_("How either of you records a disagreement with the other."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Consent: a proposal grants nothing until the supervisee accepts it in the site.
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True, editable=False)
    decline_reason = models.TextField(_("reason for declining"), blank=True, editable=False)
    # Set when a party or an admin ends the agreement (or the proposer withdraws it) before
    # its end date; access ends at this moment rather than at the end of the day.
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Incremented whenever the proposed terms change, so the supervisee accepts the terms
    # they read and not a version changed while they were reading it.
    terms_version = models.PositiveIntegerField(default=1, editable=False)
    # The due date a "supervision due" reminder was last sent for, so it is sent once.
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("supervision agreement")

    def __str__(self):
        return _("%(supervisee)s supervised by %(supervisor)s") % {
            "supervisee": self.supervisee.get_full_name() or self.supervisee.email,
            "supervisor": self.supervisor.get_full_name() or self.supervisor.email,
        }

    def get_absolute_url(self):
        return reverse("supervision:agreement_detail", args=[self.pk])

    def active_on(self, day: datetime.date) -> bool:
        """Whether a session held on ``day`` falls within the agreement's dates."""
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None and self.declined_at is None

    def is_current(self, now: datetime.datetime | None = None) -> bool:
        """Accepted and not yet ended: the only state in which it grants anything."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        return (
            self.is_accepted
            and self.ended_at is None
            and (self.ends_on is None or self.ends_on >= today)
        )

    def access_ended_at(self) -> datetime.datetime | None:
        """When the supervisor's access under this agreement ended (None while current)."""
        if self.ended_at is not None:
            return self.ended_at
        if self.ends_on is not None:
            day_after = self.ends_on + datetime.timedelta(days=1)
            return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))
        return None

    def state(self, now: datetime.datetime | None = None) -> AgreementState:
        """Where the agreement stands at ``now``: an ``AgreementState`` (proposed, declined,
        withdrawn, active, due (accepted, starts later) or ended)."""
        now = now or timezone.now()
        if self.declined_at:
            return AgreementState.DECLINED
        if not self.accepted_at:
            return AgreementState.WITHDRAWN if self.ended_at else AgreementState.PROPOSED
        if not self.is_current(now):
            return AgreementState.ENDED
        if self.starts_on > timezone.localdate(now):
            return AgreementState.DUE
        return AgreementState.ACTIVE

    def get_state_display(self) -> str:
        return str(AGREEMENT_STATES[self.state()])
