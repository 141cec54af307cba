"""Training sessions and the bookings on them: places, waiting lists, approval and
attendance."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel

from elearning.accounts.models import agency_at_the_time

from . import CoursePage

PLACES_MESSAGE = _(
    "A session needs at least one place. To stop people booking, cancel the session instead."
)


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
                condition=Q(
                    status__in=[
                        BookingStatus.AWAITING_APPROVAL,
                        BookingStatus.BOOKED,
                        BookingStatus.WAITING,
                    ]
                ),
                name="courses_booking_one_active",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.session} ({self.get_status_display()})"

    @property
    def holds_place(self) -> bool:
        return self.status in PLACE_HOLDING
