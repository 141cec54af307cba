"""Impact on practice three months on (Kirkpatrick level 3): after completing a course the
learner is asked what they now do differently, with an example, and how confident they feel;
their line manager is then asked to confirm it or comment."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import CONFIDENCE_VALIDATORS, Enrolment


class ImpactFollowUpQuerySet(models.QuerySet):
    def waiting(self):
        """Sent to the learner and not answered yet."""
        return self.filter(sent_at__isnull=False, answered_at__isnull=True)

    def waiting_for_manager(self):
        """Answered by the learner, put to their manager, not answered by the manager yet."""
        return self.filter(
            answered_at__isnull=False, manager__isnull=False, manager_answered_at__isnull=True
        )


class ImpactFollowUp(models.Model):
    """The follow-up of one completed course: when it is due, the learner's answer and their
    manager's confirmation or comment. One per enrolment, answered once by each of them."""

    # PROTECT: an answer about practice outlives the course and the enrolment's other records.
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="impact_follow_up"
    )
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(null=True, blank=True)
    # The one reminder, when the learner has not answered a while after it was sent.
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    practice_change = models.TextField(_("what I now do differently"), blank=True)
    example = models.TextField(_("an example from my practice"), blank=True)
    confidence_now = models.PositiveSmallIntegerField(
        _("confidence now"), null=True, blank=True, validators=CONFIDENCE_VALIDATORS
    )
    # The learner's confirmed line manager when they answered: the only person who may answer
    # for the manager.
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("line manager asked"),
    )
    manager_answered_at = models.DateTimeField(null=True, blank=True)
    manager_confirms = models.BooleanField(_("manager confirms the change"), null=True, blank=True)
    manager_comment = models.TextField(_("manager's comment"), blank=True)

    objects = ImpactFollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("impact follow-up")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence_now__isnull=True)
                | Q(confidence_now__gte=1, confidence_now__lte=5),
                name="courses_impact_confidence_range",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(confidence_now__isnull=False),
                name="courses_impact_answer_has_confidence",
            ),
        ]
        # The daily task looks up follow-ups due and not sent; reports count answers in a
        # date range.
        indexes = [
            models.Index(fields=["sent_at", "due_on"]),
            models.Index(fields=["answered_at"]),
        ]

    def __str__(self):
        return f"{self.enrolment} – follow-up due {self.due_on}"
