"""Records of supervision and the library pages to discuss in them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .agreements import Agreement
from .common import labelled_values


class RecordType(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    GROUP = "group", _("Group")
    PEER = "peer", _("Peer")
    AD_HOC = "ad_hoc", _("Ad hoc")


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent for signature")
    LOCKED = "locked", _("Signed and locked")


class Function(models.TextChoices):
    """The four functions of supervision (Morrison's 4x4x4 model)."""

    MANAGEMENT = "management", _("Management")
    SUPPORT = "support", _("Support")
    DEVELOPMENT = "development", _("Development")
    MEDIATION = "mediation", _("Mediation")


class Record(models.Model):
    """One supervision session, written up by its two parties and signed by both."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="records")
    # Copied from the agreement so that permission filters need no join.
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_records"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("date held"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=RecordType.choices, default=RecordType.ONE_TO_ONE
    )
    attendees = models.CharField(
        _("attendees"),
        max_length=300,
        blank=True,
        help_text=_("Others present, by role (for example 'team manager')."),
    )
    functions = models.JSONField(_("functions covered"), default=list, blank=True)
    wellbeing = models.TextField(
        _("wellbeing"),
        blank=True,
        help_text=_("Seen by the two of you only. Never reported or exported."),
    )
    support_needs = models.TextField(
        _("support needs"),
        blank=True,
        help_text=_("Seen by the two of you only. Never reported or exported."),
    )
    status = models.CharField(
        max_length=10, choices=RecordStatus.choices, default=RecordStatus.DRAFT
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    supervisee_signed_at = models.DateTimeField(null=True, blank=True)
    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    disagreement = models.TextField(
        _("supervisee's disagreement"),
        blank=True,
        help_text=_("Anything in this record the supervisee does not agree with, and why."),
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    legal_hold = models.BooleanField(
        default=False, help_text=_("Kept past the retention period while this is set.")
    )
    # Optimistic locking: every change to the record or anything in it increments this.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    unsigned_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["supervisee", "held_on"]),
            # Reports count records held in a date range, and find each agreement's latest
            # record on or before a date.
            models.Index(fields=["held_on"]),
            models.Index(fields=["agreement", "held_on"]),
        ]

    def __str__(self):
        return _("Supervision on %(date)s") % {"date": date_format(self.held_on, "j F Y")}

    def get_absolute_url(self):
        return reverse("supervision:record_detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == RecordStatus.LOCKED

    def party(self, user) -> str | None:
        """'supervisee', 'supervisor' or None."""
        if user.pk == self.supervisee_id:
            return "supervisee"
        if user.pk == self.supervisor_id:
            return "supervisor"
        return None

    def other_party(self, user):
        return self.supervisor if user.pk == self.supervisee_id else self.supervisee

    def conflict_view(self):
        return labelled_values(
            self, ["held_on", "duration_minutes", "kind", "attendees", "wellbeing", "support_needs"]
        )

    def function_labels(self) -> list[str]:
        labels = dict(Function.choices)
        return [str(labels[f]) for f in self.functions if f in labels]


class Topic(models.Model):
    """A library page a supervisee wants to discuss. Waits for their next draft record.

    The page's title is kept, so a record still says what was discussed after the page is
    deleted from the library."""

    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_topics"
    )
    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, null=True, blank=True, related_name="topics"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    page_title = models.CharField(max_length=255, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.page_title or str(self.page)
