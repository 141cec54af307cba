"""Learners' enrolments on courses, the steps they have viewed and the certificates they
earn."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import agency_at_the_time

from . import CONFIDENCE_VALIDATORS, CoursePage, CourseStep
from .certificates import CertificateStatus


class EnrolmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class Enrolment(models.Model):
    """A learner taking a course, with their confidence ratings and evaluation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    # PROTECT: enrolments (and the progress and evaluation on them) outlive the course.
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="enrolments")
    agency = agency_at_the_time()
    enrolled_at = models.DateTimeField(default=timezone.now)
    confidence_before = models.PositiveSmallIntegerField(
        _("confidence before"), validators=CONFIDENCE_VALIDATORS
    )
    confidence_after = models.PositiveSmallIntegerField(
        _("confidence after"), null=True, blank=True, validators=CONFIDENCE_VALIDATORS
    )
    usefulness = models.PositiveSmallIntegerField(
        _("how useful"), null=True, blank=True, validators=CONFIDENCE_VALIDATORS
    )
    practice_change = models.TextField(_("what I will do differently"), blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_enrolment_unique")
        ]
        # Reports count enrolments and evaluations in a date range, for everyone or for one
        # agency (or the agencies of one sector).
        indexes = [
            models.Index(fields=["enrolled_at"]),
            models.Index(fields=["agency", "enrolled_at"]),
            models.Index(fields=["evaluated_at"]),
            models.Index(fields=["agency", "evaluated_at"]),
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"


class StepView(models.Model):
    """The fact that a learner worked through a step."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="views")
    step = models.ForeignKey(CourseStep, on_delete=models.CASCADE, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "step"], name="courses_stepview_unique")
        ]

    def __str__(self):
        return f"{self.enrolment} – step {self.step_id}"


def _new_code() -> str:
    # Ten characters from an alphabet without look-alikes, grouped for reading aloud.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


class CertificateQuerySet(models.QuerySet):
    def expiring_on(self, day):
        return self.filter(expires_on=day)

    def not_revoked(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """Issued once when an enrolment is complete; a record of that event, checked publicly by
    its code."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(max_length=11, unique=True, default=_new_code, editable=False)
    learner_name = models.CharField(max_length=300)
    agency = agency_at_the_time()
    course_title = models.CharField(max_length=255)
    cpd_hours = models.DecimalField(max_digits=4, decimal_places=1)
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    # Reminders already sent, so a re-run of the daily command never sends one twice.
    reminded_60_at = models.DateTimeField(null=True, blank=True)
    reminded_14_at = models.DateTimeField(null=True, blank=True)
    # Set by ``services.certificates.certificate_revoke``; a revoked certificate is kept.
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_reason = models.TextField(blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on"]
        # Reports count certificates completed in a date range and those expiring soon, for
        # everyone or for one agency; expiry reminders look certificates up by expiry date.
        indexes = [
            models.Index(fields=["completed_on"]),
            models.Index(fields=["agency", "completed_on"]),
            models.Index(fields=["expires_on"]),
            models.Index(fields=["agency", "expires_on"]),
        ]

    def __str__(self):
        return f"{self.course_title} – {self.learner_name} ({self.code})"

    def is_expired(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and self.expires_on < today

    def status(self, today=None) -> "CertificateStatus":
        """Current, expired or revoked (a replaced code is not a certificate any more)."""
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        return CertificateStatus.EXPIRED if self.is_expired(today) else CertificateStatus.CURRENT
