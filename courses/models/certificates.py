"""What a certificate's public check can say about it, and the codes it no longer carries.

A certificate is re-issued with a new code (for example after a learner's name is corrected);
the old code is kept here so that checking it says "replaced" rather than "unknown", without
pointing at the person or the new certificate.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CertificateStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Replaced")


class ReplacedCertificateCode(models.Model):
    """A verification code a certificate carried before it was re-issued."""

    code = models.CharField(max_length=11, unique=True, editable=False)
    # PROTECT: the record of a re-issue outlives nothing it refers to.
    certificate = models.ForeignKey(
        "courses.Certificate", on_delete=models.PROTECT, related_name="replaced_codes"
    )
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-pk"]
        verbose_name = _("replaced certificate code")

    def __str__(self):
        return self.code
