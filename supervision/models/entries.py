"""Reflections, addenda and shares of signed records."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .agreements import Agreement
from .common import ReflectionTheme, labelled_values
from .records import Record


class ReflectiveEntry(models.Model):
    """A reflection on one theme, in Kolb's four steps. Supervisees may export these as CPD."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="reflections")
    theme = models.CharField(_("theme"), max_length=30, choices=ReflectionTheme.choices)
    prompt = models.CharField(_("prompt you used"), max_length=300, blank=True)
    what_happened = models.TextField(_("what happened"))
    thoughts_feelings = models.TextField(_("what I think and feel about it"), blank=True)
    analysis = models.TextField(_("what I make of it"), blank=True)
    next_steps = models.TextField(_("what I will do"), blank=True)
    peer_reflection = models.TextField(
        _("supervisor's reflection"),
        blank=True,
        help_text=_("The supervisor's response; exported as the peer reflection for CPD."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = _("reflective entries")

    def __str__(self):
        return self.get_theme_display()

    def get_absolute_url(self):
        return reverse("supervision:reflection_edit", args=[self.record_id, self.pk])

    def conflict_view(self):
        return labelled_values(
            self,
            [
                "theme",
                "prompt",
                "what_happened",
                "thoughts_feelings",
                "analysis",
                "next_steps",
                "peer_reflection",
            ],
        )


class Addendum(models.Model):
    """A dated correction or addition to a locked record."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("addendum"), validators=[MaxLengthValidator(5000)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = _("addenda")

    def __str__(self):
        return _("Addendum of %(date)s") % {"date": self.created_at}

    def get_absolute_url(self):
        return reverse("supervision:record_detail", args=[self.record_id]) + f"#addendum-{self.pk}"


class RecordShare(models.Model):
    """A signed record the supervisee has shown to another of their current supervisors (for
    example after a handover). Read-only for that person; the supervisee may revoke it."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="shares")
    shared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The recipient's agreement in force when the record was shared: the share lasts only as
    # long as that agreement, so a later agreement between the same people brings nothing back.
    via_agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="+", null=True
    )
    shared_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-shared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "shared_with"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_share_per_person",
            )
        ]

    def __str__(self):
        return _("Shared with %(name)s") % {
            "name": self.shared_with.get_full_name() or self.shared_with.email
        }
