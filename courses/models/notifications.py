"""The wording of training e-mails, edited by partnership staff in Wagtail (Training e-mails),
and each person's choice of which non-essential e-mails they get.

The kinds, their placeholders and their default wording live in
``courses.notifications.catalogue``; a kind with no stored template is sent with its default.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin


class EmailKind(models.TextChoices):
    BOOKING_CONFIRMED = "booking_confirmed", _("Place confirmed")
    BOOKING_WAITING = "booking_waiting", _("On the waiting list")
    BOOKING_AWAITING_APPROVAL = "booking_awaiting_approval", _("Booking waiting for approval")
    BOOKING_PROMOTED = "booking_promoted", _("Place come up after a cancellation")
    BOOKING_PROMOTED_NEW_PLACES = (
        "booking_promoted_new_places",
        _("Place come up after places were added"),
    )
    SESSION_CHANGED = "session_changed", _("Session time or place changed")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled")
    BOOKING_CANCELLED = "booking_cancelled", _("Booking cancelled")
    BOOKING_REMINDER = "booking_reminder", _("Session reminder")
    APPROVAL_ASKED = "approval_asked", _("Line manager asked to approve a booking")
    BOOKING_APPROVED = "booking_approved", _("Booking approved")
    BOOKING_DECLINED = "booking_declined", _("Booking not approved")
    CERTIFICATE_EXPIRY = "certificate_expiry", _("Certificate about to expire")
    INTEREST_OFFERED = "interest_offered", _("Place offered to someone on the interest list")
    MANAGER_CONFIRMATION_ASKED = (
        "manager_confirmation_asked",
        _("Line manager asked to confirm the relationship"),
    )
    IMPACT_FOLLOW_UP_DUE = "impact_follow_up_due", _("Impact on practice: learner asked")
    IMPACT_MANAGER_ASKED = "impact_manager_asked", _("Impact on practice: line manager asked")
    CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
    CERTIFICATE_REISSUED = "certificate_reissued", _("Certificate re-issued")


class EmailTemplate(PreviewableMixin, models.Model):
    """The subject and body of one kind of training e-mail. Placeholders in braces, such as
    {first_name}, are filled in when the e-mail is sent; only the kind's own placeholders are
    accepted."""

    kind = models.CharField(
        _("e-mail"), max_length=40, choices=EmailKind.choices, unique=True, editable=False
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("training e-mail")
        verbose_name_plural = _("training e-mails")

    def __str__(self):
        return str(self.get_kind_display())

    @property
    def spec(self):
        from ..notifications.catalogue import KINDS

        return KINDS[self.kind]

    @property
    def is_default(self) -> bool:
        return self.subject == str(self.spec.subject) and self.body == str(self.spec.body)

    def clean(self):
        from ..notifications.render import placeholder_errors

        if self.kind not in EmailKind.values:
            raise ValidationError(_("This is not a kind of training e-mail the site sends."))
        errors = {}
        for field in ("subject", "body"):
            problem = placeholder_errors(getattr(self, field), self.spec.placeholders)
            if problem:
                errors[field] = problem
        if "\n" in self.subject or "\r" in self.subject:
            errors.setdefault("subject", _("The subject must be one line."))
        if errors:
            raise ValidationError(errors)

    # Previews: the e-mail as a person would get it, filled with made-up values.

    def get_preview_template(self, request, mode_name):
        return "courses/email_preview.html"

    def get_preview_context(self, request, mode_name):
        from ..notifications.render import preview

        context = super().get_preview_context(request, mode_name)
        context["email"] = preview(self)
        return context


class EmailPreferences(models.Model):
    """Which non-essential training e-mails a person has turned off. Essential ones (about
    their bookings, changes, cancellations, approvals and certificates) are always sent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    # Kinds from ``catalogue.OPTIONAL`` (and ``catalogue.MANAGER_COPIES``) the person does not
    # want. Kept as a list so a new optional kind is on for everyone until they turn it off.
    turned_off = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("e-mail preferences")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self):
        return f"{self.user} – {', '.join(self.turned_off) or '-'}"
