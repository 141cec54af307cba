"""Interest lists: learners who want a course that has no dates they can book.

When partnership staff add a session they offer its places to the list in the order people
registered; each offer holds a place for a while (``OFFER_HOLDS_FOR``), then passes on.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import agency_at_the_time

# How long an offered place is kept for the person offered it before it passes on.
OFFER_HOLDS_FOR = datetime.timedelta(days=3)


class InterestOutcome(models.TextChoices):
    """How a registration of interest ended. Blank while the person is still on the list."""

    BOOKED = "booked", _("Booked a place")
    DECLINED = "declined", _("Declined the offer")
    EXPIRED = "expired", _("Did not answer the offer in time")
    WITHDRAWN = "withdrawn", _("Withdrew")


class CourseInterestQuerySet(models.QuerySet):
    def live(self):
        """Still on the list (waiting or holding an offer)."""
        return self.filter(outcome="")

    def waiting(self):
        """On the list with no offer yet, first registered first."""
        return self.live().filter(offered_session__isnull=True).order_by("registered_at", "pk")

    def holding(self, session, now):
        """Offers on ``session`` still holding a place at ``now``."""
        return self.live().filter(offered_session=session, offer_expires_at__gt=now)


class CourseInterest(models.Model):
    """One person's registration of interest in a course, and the offer made to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_interests"
    )
    # PROTECT: the demand a course had outlives the course; archive it instead.
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="interests"
    )
    agency = agency_at_the_time()
    registered_at = models.DateTimeField(default=timezone.now)
    offered_session = models.ForeignKey(
        "courses.TrainingSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interest_offers",
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=12, choices=InterestOutcome.choices, blank=True, default=""
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = CourseInterestQuerySet.as_manager()

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("registration of interest")
        verbose_name_plural = _("registrations of interest")
        constraints = [
            # One live registration per person per course; ended ones are kept.
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(outcome=""),
                name="courses_interest_one_live",
            )
        ]
        indexes = [
            models.Index(fields=["course", "outcome", "registered_at"]),
            models.Index(fields=["outcome", "offer_expires_at"]),
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"

    @property
    def is_live(self) -> bool:
        return self.outcome == ""

    def holds_offer(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.is_live
            and self.offered_session_id is not None
            and self.offer_expires_at is not None
            and self.offer_expires_at > now
        )
