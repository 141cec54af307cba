"""Courses (Wagtail pages), enrolments and their recorded facts, certificates, and training
sessions with bookings and attendance.

Completion is never stored as a flag: ``services.enrolment_progress`` works it out from the
facts recorded here (steps viewed, quiz passes, attendance, evaluation).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from elearning.accounts.models import Sector

OUTCOME_FEATURES = ["bold", "italic", "ol", "ul", "link"]
CONFIDENCE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class DeliveryMode(models.TextChoices):
    ELEARNING = "elearning", _("E-learning")
    FACE_TO_FACE = "face_to_face", _("Face-to-face or virtual")
    BLENDED = "blended", _("Blended (e-learning and a session)")


class CourseIndexPage(Page):
    """The list of courses and upcoming training sessions. Editors add courses beneath it."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences saying what training the partnership offers."),
    )

    parent_page_types = ["library.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("course list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = (
            CoursePage.objects.child_of(self).live().filter(archived=False).order_by("title")
        )
        return context


class CoursePage(RoutablePageMixin, Page):
    """A course: e-learning steps, a training session, or both. Editors set who it is for,
    what it covers, the steps in order and what a learner must do to complete it."""

    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences saying what the course is about and who it is for."),
    )
    learning_outcomes = RichTextField(
        _("learning outcomes"),
        features=OUTCOME_FEATURES,
        blank=True,
        help_text=_("A bulleted list: 'By the end of this course you will be able to ...'."),
    )
    delivery_mode = models.CharField(
        _("delivery mode"),
        max_length=20,
        choices=DeliveryMode.choices,
        default=DeliveryMode.ELEARNING,
    )
    cpd_hours = models.DecimalField(
        _("CPD hours"),
        max_digits=4,
        decimal_places=1,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("Hours of continuing professional development shown on the certificate."),
    )
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        blank=True,
        related_name="required_for",
        verbose_name=_("courses to complete first"),
        help_text=_("Learners must have a certificate for each of these before enrolling."),
    )
    require_steps_viewed = models.BooleanField(_("all steps must be viewed"), default=True)
    require_quizzes_passed = models.BooleanField(
        _("quizzes in the steps must be passed"), default=True
    )
    require_session_attended = models.BooleanField(
        _("a training session must be attended"),
        default=False,
        help_text=_(
            "Attended in full, as marked on the session register: partly attended does not count."
        ),
    )
    require_evaluation = models.BooleanField(
        _("the evaluation must be completed"),
        default=True,
        help_text=_(
            "Learners get their certificate only once they have completed the post-course "
            "evaluation. Untick to issue it without one; learners can still give it afterwards."
        ),
    )
    refresher_months = models.PositiveSmallIntegerField(
        _("refresher period in months"),
        null=True,
        blank=True,
        help_text=_(
            "Leave blank if certificates do not expire. For example 36 for refresher "
            "training every three years."
        ),
    )
    requires_manager_approval = models.BooleanField(
        _("bookings need manager approval"),
        default=False,
        help_text=_(
            "Bookings on this course's sessions wait for the learner's line manager (or "
            "partnership staff when no manager is recorded) to approve them."
        ),
    )
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_(
            "Tick to retire the course: it leaves the course list and nobody can enrol or "
            "book its sessions, but learners keep their records and certificates and reports "
            "still count it. Use this instead of deleting a course people have taken."
        ),
    )

    contact_email = models.EmailField(
        _("course contact e-mail"),
        blank=True,
        help_text=_(
            "Who learners should ask for help, for example when they have used all their "
            "attempts at a quiz. Leave blank to point them to partnership staff."
        ),
    )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("delivery_mode"),
                FieldPanel("cpd_hours"),
                InlinePanel("audiences", label=_("Audience sectors")),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who it is for"),
        ),
        InlinePanel("steps", label=_("Steps"), heading=_("Steps in order")),
        MultiFieldPanel(
            [
                FieldPanel("require_steps_viewed"),
                FieldPanel("require_quizzes_passed"),
                FieldPanel("require_session_attended"),
                FieldPanel("require_evaluation"),
                FieldPanel("refresher_months"),
                FieldPanel("requires_manager_approval"),
                FieldPanel("contact_email"),
            ],
            heading=_("Completion and booking rules"),
        ),
        FieldPanel("archived"),
    ]

    class Meta:
        verbose_name = _("course")

    def clean(self):
        super().clean()
        chosen = list(self.prerequisites.all())
        if self.pk and any(c.pk == self.pk for c in chosen):
            raise ValidationError(
                {"prerequisites": _("A course cannot be a prerequisite of itself.")}
            )
        looping = self._prerequisites_leading_back(chosen)
        if looping:
            raise ValidationError(
                {
                    "prerequisites": _(
                        "%(courses)s already needs this course to be completed first, so "
                        "learners could never start either. Untick it."
                    )
                    % {"courses": ", ".join(c.title for c in looping)}
                }
            )

    def _prerequisites_leading_back(self, chosen) -> list:
        """The chosen prerequisites that (directly or through others) require this course."""
        if not self.pk or not chosen:
            return []
        requires = {}
        through = CoursePage.prerequisites.through
        for from_id, to_id in through.objects.values_list("from_coursepage_id", "to_coursepage_id"):
            requires.setdefault(from_id, set()).add(to_id)
        looping = []
        for course in chosen:
            seen, todo = set(), [course.pk]
            while todo:
                current = todo.pop()
                if current == self.pk:
                    looping.append(course)
                    break
                if current not in seen:
                    seen.add(current)
                    todo.extend(requires.get(current, ()))
        return looping

    @property
    def has_sessions(self) -> bool:
        return self.delivery_mode != DeliveryMode.ELEARNING

    def get_preview_context(self, request, mode_name):
        # An editor's preview shows the content only; the page may not even be saved yet.
        context = super().get_preview_context(request, mode_name)
        context.update(
            {
                "is_preview": True,
                "steps": self.steps.all(),
                "audiences": self.audiences.all(),
                "prerequisites": self.prerequisites.all(),
            }
        )
        return context

    @path("")
    def index_route(self, request, enrol_form=None):
        """The course's page: what it covers, the learner's progress, and its sessions.
        ``enrol_form`` is the enrolment form to show again with its errors."""
        from ..forms import EnrolForm
        from ..selectors import course_page_context

        return self.render(
            request,
            context_overrides={
                **course_page_context(course=self, user=request.user, now=timezone.now()),
                "enrol_form": enrol_form or EnrolForm(),
            },
        )

    def serve_preview(self, request, mode_name):
        # Wagtail's page preview, not the routed page: it shows the content only.
        return Page.serve_preview(self, request, mode_name)


class CourseAudience(Orderable):
    """A sector a course is meant for."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="audiences")
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)

    panels = [FieldPanel("sector")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["course", "sector"], name="courses_audience_unique")
        ]

    def __str__(self):
        return self.get_sector_display()


class CourseStep(Orderable):
    """One step of a course, pointing at a live page: a guide, a briefing or a quiz."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="steps")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("The guide, briefing or quiz the learner works through in this step."),
    )
    title = models.CharField(
        _("step title"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Leave blank to use the page's own title."),
    )
    description = models.CharField(
        _("what to do"),
        max_length=300,
        blank=True,
        help_text=_("One sentence telling the learner what to look for in this step."),
    )

    panels = [PageChooserPanel("page"), FieldPanel("title"), FieldPanel("description")]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.page.title


from .certificates import CertificateStatus, ReplacedCertificateCode  # noqa: E402, F401
from .config import TrainingSettings  # noqa: E402, F401
from .enrolments import (  # noqa: E402, F401
    Certificate,
    CertificateQuerySet,
    Enrolment,
    EnrolmentQuerySet,
    StepView,
    _new_code,
)
from .impact import ImpactFollowUp  # noqa: E402, F401
from .interest import OFFER_HOLDS_FOR, CourseInterest, InterestOutcome  # noqa: E402, F401
from .notifications import EmailKind, EmailPreferences, EmailTemplate  # noqa: E402, F401
from .parts import AttendanceMethod, PartAttendance, SessionPart  # noqa: E402, F401
from .people_places import Trainer, Venue  # noqa: E402, F401
from .sessions import (  # noqa: E402, F401
    ACTIVE,
    PLACE_HOLDING,
    PLACES_MESSAGE,
    AbsenceReason,
    Attendance,
    Booking,
    BookingQuerySet,
    BookingStatus,
    TrainingSession,
)
