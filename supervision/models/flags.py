"""Drift flags and escalations."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .agreements import Agreement
from .cases import CaseDiscussion, CaseReference


class FlagResponse(models.TextChoices):
    DISCUSSED = "discussed", _("Discussed")
    ESCALATED = "escalated", _("Escalated")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Flag(models.Model):
    """A prompt for a conversation raised by one of the drift rules. Never a decision."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="flags")
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(
        CaseReference, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    rule = models.PositiveSmallIntegerField()
    evidence = models.TextField()
    # What the rule saw (for example the latest discussion's id), so the same evidence never
    # raises the same flag twice, even after a response.
    evidence_key = models.CharField(max_length=80)
    raised_at = models.DateTimeField(default=timezone.now)
    response = models.CharField(max_length=20, choices=FlagResponse.choices, blank=True)
    response_reason = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        # Reports count flags raised in a date range, for everyone or for one agency's people.
        indexes = [models.Index(fields=["raised_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisee", "rule", "evidence_key"], name="unique_flag_evidence"
            )
        ]

    def __str__(self):
        return self.rule_title

    def get_absolute_url(self):
        return reverse("supervision:flag_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return not self.response

    @property
    def rule_title(self) -> str:
        from ..flags import RULES

        return str(RULES[self.rule].title)


class EscalationStage(models.TextChoices):
    TEAM = "team", _("Stage 1: practitioner to practitioner or team manager")
    MANAGER = "manager", _("Stage 2: manager to manager")
    SENIOR = "senior", _("Stage 3: senior or service manager")
    PARTNERSHIP = "partnership", _("Stage 4: safeguarding partnership")


class Escalation(models.Model):
    """A case discussion escalated to a named person, who may then read that discussion."""

    # PROTECT: an escalated discussion is kept with its escalation; only the retention
    # policy removes both, escalation first.
    discussion = models.ForeignKey(
        CaseDiscussion, on_delete=models.PROTECT, related_name="escalations"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_escalations",
        verbose_name=_("escalated to"),
    )
    escalated_on = models.DateField(_("date escalated"), default=timezone.localdate)
    stage = models.CharField(_("stage"), max_length=20, choices=EscalationStage.choices)
    reason = models.TextField(_("why it is escalated"))
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_on = models.DateField(_("date of outcome"), null=True, blank=True)

    class Meta:
        ordering = ["-escalated_on", "-pk"]

    def __str__(self):
        return _("Escalation on %(date)s") % {"date": self.escalated_on}

    def get_absolute_url(self):
        return reverse("supervision:escalation_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return not self.outcome
