"""Pseudonymised cases, their discussions in supervision and the actions agreed."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..identifiers import validate_case_reference
from .common import labelled_values
from .records import Record


class CaseReference(models.Model):
    """A pseudonymised case on a supervisee's caseload. Never a name, date or number that could
    identify a child."""

    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_cases"
    )
    reference = models.CharField(
        _("case reference"),
        max_length=40,
        validators=[validate_case_reference],
        help_text=_(
            "A pseudonym you will recognise, such as 'Family K' or 'Oak-17'. Never a name, "
            "date of birth, NHS number, address or postcode."
        ),
    )
    closed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisee", "reference"], name="unique_case_reference_per_supervisee"
            )
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("supervision:case_timeline", args=[self.pk])


class ChangeCheck(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNCLEAR = "unclear", _("Unclear")


NOT_CHANGING = (ChangeCheck.NO, ChangeCheck.UNCLEAR)


class CaseDiscussion(models.Model):
    """One case discussed in one record (Signs of Safety mapping plus the change check)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="discussions")
    case = models.ForeignKey(CaseReference, on_delete=models.PROTECT, related_name="discussions")
    current_position = models.TextField(_("current position"), blank=True)
    worries = models.TextField(_("what are we worried about?"), blank=True)
    working_well = models.TextField(_("what is working well?"), blank=True)
    needs_to_happen = models.TextField(_("what needs to happen?"), blank=True)
    worry_scale = models.PositiveSmallIntegerField(
        _("worry scale"),
        validators=[MaxValueValidator(10)],
        help_text=_("0 means the child is safe enough to close; 10 means the child is in danger."),
    )
    change_check = models.CharField(
        _("change check"),
        max_length=10,
        choices=ChangeCheck.choices,
        help_text=_(
            "Is our help producing significant positive change for the child, at a pace that "
            "suits the child?"
        ),
    )
    change_evidence = models.TextField(_("evidence for the change check"), blank=True)
    child_seen_alone = models.BooleanField(_("child seen alone since last time"), default=False)
    voice_recorded = models.BooleanField(_("child's voice recorded"), default=False)
    adults_known = models.BooleanField(
        _("all adults in the household known and assessed, including men"), default=False
    )
    chronology_reviewed_on = models.DateField(_("chronology last reviewed"), null=True, blank=True)
    stuck = models.BooleanField(_("we are stuck"), default=False)
    worker_changed = models.BooleanField(
        _("the allocated worker has changed since the last discussion"), default=False
    )
    decisions = models.TextField(_("decisions and reasons"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return str(self.case)

    def get_absolute_url(self):
        return reverse("supervision:discussion_edit", args=[self.record_id, self.pk])

    def conflict_view(self):
        return [(_("Case reference"), self.case.reference)] + labelled_values(
            self, DISCUSSION_FIELDS
        )

    @property
    def free_text(self) -> str:
        return " ".join(
            [
                self.current_position,
                self.worries,
                self.working_well,
                self.needs_to_happen,
                self.change_evidence,
                self.decisions,
            ]
        )


# What a person writes in a case discussion, in the order the form asks for it.
DISCUSSION_FIELDS = (
    "current_position",
    "worries",
    "working_well",
    "needs_to_happen",
    "worry_scale",
    "change_check",
    "change_evidence",
    "child_seen_alone",
    "voice_recorded",
    "adults_known",
    "chronology_reviewed_on",
    "stuck",
    "worker_changed",
    "decisions",
)


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Action(models.Model):
    """An agreed action. Unfinished actions are carried into the next record as copies that
    point back at the one they came from, so the history of each record stays as signed."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="actions")
    case = models.ForeignKey(
        CaseReference, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(
        _("owner"), max_length=120, help_text=_("Who will do it, by name or role.")
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    barriers = models.TextField(_("barriers"), blank=True)
    carried_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    times_carried = models.PositiveSmallIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("supervision:record_detail", args=[self.record_id]) + f"#action-{self.pk}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != ActionStatus.DONE
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )
