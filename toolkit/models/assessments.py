"""Assessments made with a toolkit: one per case and date, one finding per area."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import agency_at_the_time
from supervision.identifiers import validate_case_reference

from ..blocks import Level
from .pages import ToolkitPage


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETED = "completed", _("Completed")


class Assessment(models.Model):
    """A practitioner's assessment of one pseudonymised case with one toolkit.

    Only its author reads it, and their supervisor while it is attached to a discussion in a
    record under a current agreement (``toolkit.permissions``)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="neglect_assessments"
    )
    agency = agency_at_the_time()
    toolkit = models.ForeignKey(ToolkitPage, on_delete=models.PROTECT, related_name="+")
    case_reference = models.CharField(
        _("case reference"),
        max_length=40,
        validators=[validate_case_reference],
        help_text=_(
            "A pseudonym you will recognise, such as 'Family K' or 'Oak-17'. Never a name, "
            "date of birth, NHS number, address or postcode."
        ),
    )
    assessed_on = models.DateField(_("date of the assessment"))
    status = models.CharField(
        max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    discussion = models.ForeignKey(
        "supervision.CaseDiscussion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="neglect_assessments",
    )
    legal_hold = models.BooleanField(
        default=False, help_text=_("Kept past the retention period while this is set.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["author", "case_reference", "assessed_on"])]

    def __str__(self):
        return f"{self.case_reference}, {date_format(self.assessed_on, 'd M Y')}"

    def get_absolute_url(self):
        return reverse("toolkit:assessment_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class Finding(models.Model):
    """What the practitioner found in one area. ``area_id`` is the area block's id on the
    toolkit page; the title is kept as it was, so the record reads the same if the page
    changes."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    area_id = models.CharField(max_length=64, editable=False)
    area_title = models.CharField(max_length=120, editable=False)
    position = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, null=True, blank=True
    )
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("What you saw, heard and were told, and by whom (by role, not by name)."),
    )
    child_words = models.TextField(
        _("the child's own words"),
        blank=True,
        help_text=_("What the child said about this, as they said it."),
    )
    strengths = models.TextField(
        _("strengths"), blank=True, help_text=_("What is working well for the child.")
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "area_id"], name="one_finding_per_area_per_assessment"
            )
        ]

    def __str__(self):
        return self.area_title
