"""Courses (Wagtail pages), enrolments and their recorded facts, certificates, and training
sessions with bookings and attendance.

Completion is never stored as a flag: ``services.enrolment_progress`` works it out from the
facts recorded here (steps viewed, quiz passes, attendance, evaluation).
"""

import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from elearning.accounts.models import Sector, agency_at_the_time

OUTCOME_FEATURES = ["bold", "italic", "ol", "ul", "link"]
CONFIDENCE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
PLACES_MESSAGE = _(
    "A session needs at least one place. To stop people booking, cancel the session instead."
)


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


class CoursePage(Page):
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
        help_text=_("Attended or partly attended, as marked on the session register."),
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

    def serve(self, request, *args, **kwargs):
        from ..views import course_page_serve

        return course_page_serve(self, request, *args, **kwargs)


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


class TrainingSession(ClusterableModel):
    """One date of a course delivered face to face or online, in one or more parts
    (``parts.SessionPart``); ``starts_at`` and ``ends_at`` span its parts."""

    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        "courses.Venue",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("venue"),
        help_text=_("Leave blank for an online session."),
    )
    joining_details = models.TextField(
        _("online joining details"),
        blank=True,
        help_text=_("Link and meeting code. Only people with a confirmed place see these."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        validators=[MinValueValidator(1, message=PLACES_MESSAGE)],
        help_text=_(
            "How many people can attend. Raising it gives places to people on the waiting list."
        ),
    )
    booking_deadline = models.DateTimeField(
        _("booking closes"), help_text=_("No new bookings after this time.")
    )
    cancellation_cutoff = models.DateTimeField(
        _("cancellation cut-off"),
        help_text=_("Learners can cancel their own booking until this time."),
    )
    trainer = models.ForeignKey(
        "courses.Trainer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("trainer"),
        help_text=_(
            "A trainer with an account on this site can mark the register for this session."
        ),
    )
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_(
            "Tick to take the session out of the session lists and stop new bookings. Its "
            "bookings, attendance and reports are kept. Use this instead of deleting a "
            "session people have booked."
        ),
    )
    # Calendar files carry this as SEQUENCE so calendars replace the event they already hold;
    # ``services.session_save`` raises it when the time or place changes.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("training session")
        # Session lists and reports pick sessions by when they start.
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.course.title}, {local:%-d %B %Y %H:%M}"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if self.starts_at and self.booking_deadline and self.booking_deadline > self.starts_at:
            errors["booking_deadline"] = _("Booking must close before the session starts.")
        if (
            self.starts_at
            and self.cancellation_cutoff
            and self.cancellation_cutoff > self.starts_at
        ):
            errors["cancellation_cutoff"] = _("The cut-off must be before the session starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self) -> bool:
        return self.venue_id is None

    @property
    def where(self) -> str:
        """The venue's name and address on one line, or "Online"."""
        return self.venue.one_line if self.venue_id else str(_("Online"))

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_archived(self) -> bool:
        """Archived itself or with its course: no longer offered to learners."""
        return self.archived or self.course.archived


class BookingStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting manager approval")
    BOOKED = "booked", _("Place confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    DECLINED = "declined", _("Not approved")


# Statuses that hold one of the session's places.
PLACE_HOLDING = (BookingStatus.BOOKED, BookingStatus.AWAITING_APPROVAL)
ACTIVE = (*PLACE_HOLDING, BookingStatus.WAITING)


class Attendance(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    PARTLY = "partly", _("Partly attended")
    NO_SHOW = "no_show", _("Did not attend")


class AbsenceReason(models.TextChoices):
    """Why someone did not attend, or left early, recorded with the register."""

    ILL = "ill", _("Ill")
    WORK_EMERGENCY = "work_emergency", _("Work emergency")
    CANCELLED_LATE = "cancelled_late", _("Cancelled too late")
    NO_REASON = "no_reason", _("No reason given")
    OTHER = "other", _("Other")


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)

    def holding_places(self):
        return self.filter(status__in=PLACE_HOLDING)

    def waiting(self):
        return self.filter(status=BookingStatus.WAITING).order_by("created_at", "pk")


class Booking(models.Model):
    """A person's place (or place in the queue) on a training session."""

    # PROTECT: bookings and attendance marks outlive the session; archive it instead.
    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings"
    )
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    agency = agency_at_the_time()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Only for "did not attend" and "partly attended"; see ``services.no_shows``.
    absence_reason = models.CharField(
        _("reason for not attending"), max_length=20, choices=AbsenceReason.choices, blank=True
    )
    absence_note = models.CharField(_("note on the reason"), max_length=200, blank=True)
    # The charge to the person's agency as it stood when the register was marked, so a later
    # change to the partnership's charge does not rewrite what was charged. None: no charge.
    no_show_charge = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # One live booking per person per session; cancelled ones may pile up.
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status__in=["awaiting_approval", "booked", "waiting"]),
                name="courses_booking_one_active",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.session} ({self.get_status_display()})"

    @property
    def holds_place(self) -> bool:
        return self.status in PLACE_HOLDING


from .certificates import CertificateStatus, ReplacedCertificateCode  # noqa: E402, F401
from .config import TrainingSettings  # noqa: E402, F401
from .impact import ImpactFollowUp  # noqa: E402, F401
from .interest import OFFER_HOLDS_FOR, CourseInterest, InterestOutcome  # noqa: E402, F401
from .notifications import EmailKind, EmailPreferences, EmailTemplate  # noqa: E402, F401
from .parts import AttendanceMethod, PartAttendance, SessionPart  # noqa: E402, F401
from .people_places import Trainer, Venue  # noqa: E402, F401
