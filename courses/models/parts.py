"""Parts of a training session (for example two half-days) and attendance at each part.

A session always has at least one part. Its own ``starts_at`` and ``ends_at`` are the span of
its parts, kept in step by ``services.session_save``. Attendance is recorded per part; the
booking's overall mark (``Booking.attendance``) is worked out from these records by
``services.attendance``.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

# Letters and digits nobody confuses when reading them off a screen: no 0/O, 1/I/L, 2/Z, 5/S,
# 8/B or U/V.
CHECK_IN_ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
CHECK_IN_CODE_LENGTH = 6
# Check-in opens this long before a part starts and closes when the part ends.
CHECK_IN_OPENS_BEFORE = datetime.timedelta(minutes=30)


def new_check_in_code() -> str:
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(CHECK_IN_CODE_LENGTH))


class SessionPart(Orderable):
    """One sitting of a session: a day, a half-day or an evening."""

    session = ParentalKey("courses.TrainingSession", on_delete=models.CASCADE, related_name="parts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.TextField(
        _("venue for this part"),
        blank=True,
        help_text=_("Only if this part is somewhere else. Leave blank to use the session's venue."),
    )
    # Kept in plain text: the trainer's screen shows it again whenever it is opened, it only
    # works for people booked on this session while this part's check-in is open, and wrong
    # guesses are limited. A hash would add nothing against guessing a six-character code.
    check_in_code = models.CharField(max_length=CHECK_IN_CODE_LENGTH, blank=True, editable=False)

    panels = [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("venue")]

    class Meta(Orderable.Meta):
        verbose_name = _("part")
        verbose_name_plural = _("parts")

    def __str__(self):
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{start:%-d %B %Y %H:%M} to {end:%H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Each part must end after it starts.")})

    @property
    def place(self) -> str:
        """Where this part happens: its own venue, else the session's ("" for online)."""
        if self.venue:
            return self.venue
        return self.session.venue.one_line if self.session.venue_id else ""

    @property
    def check_in_opens_at(self) -> datetime.datetime:
        return self.starts_at - CHECK_IN_OPENS_BEFORE

    def check_in_open(self, now: datetime.datetime) -> bool:
        return self.check_in_opens_at <= now <= self.ends_at


class AttendanceMethod(models.TextChoices):
    SELF = "self", _("Checked in on their phone")
    TRAINER = "trainer", _("Marked by the trainer")


class PartAttendance(models.Model):
    """Whether a booked person was at one part. A self check-in is a record with method
    ``self`` until the trainer saves the register, which confirms (or unticks) it."""

    booking = models.ForeignKey(
        "courses.Booking", on_delete=models.CASCADE, related_name="part_attendance"
    )
    # PROTECT: attendance outlives any edit to the session's parts.
    part = models.ForeignKey(SessionPart, on_delete=models.PROTECT, related_name="attendance")
    attended = models.BooleanField(default=False)
    method = models.CharField(max_length=10, choices=AttendanceMethod.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    marked_at = models.DateTimeField(default=timezone.now)
    checked_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "part"], name="courses_partattendance_one_per_part"
            )
        ]

    def __str__(self):
        return f"{self.booking_id} at part {self.part_id}: {self.attended}"

    @property
    def unconfirmed(self) -> bool:
        return self.method == AttendanceMethod.SELF
