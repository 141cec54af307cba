"""People, the agencies they work for, and their roles.

Roles are Django groups (see ``roles.py``) so that partnership admins manage them through the
Wagtail users screens, and Wagtail's own page permissions attach to them.
"""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    POLICE = "police", _("Police")
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", _("Children's social care")
    PROBATION = "probation", _("Probation")
    HOUSING = "housing", _("Housing")
    VOLUNTARY = "voluntary", _("Voluntary and community")
    OTHER = "other", _("Other")


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Agency(models.Model):
    """An organisation whose practitioners use the site (a school, a trust, a police force)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive agencies are hidden from sign-up and profile forms."),
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name


def agency_at_the_time():
    """The agency a person belonged to when they did something (booked, enrolled, attempted a
    quiz, earned a certificate), so figures by agency do not move when they change agency or
    leave. Set by the services that create the record."""
    return models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency at the time"),
    )


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no user name."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who uses the site. Everyone is a practitioner; groups add other roles."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    left_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_(
            "The day the person left the partnership's agencies. Set by marking them as having "
            "left; their account is closed and, after the retention period, anonymised."
        ),
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    def get_absolute_url(self):
        return reverse("accounts:profile")

    @property
    def sector(self) -> str:
        return self.agency.sector if self.agency_id else ""


class RoleChange(models.Model):
    """One change to a person's partnership roles: who made it, what was added and removed.

    Written by ``services.roles_change`` and never edited. Names and addresses are copied in
    so the record still reads correctly after a group is renamed or an account deleted.
    """

    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="role_changes",
    )
    user_email = models.EmailField(_("person's e-mail address"))
    changed_by = models.ForeignKey(
        User,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="role_changes_made",
    )
    changed_by_email = models.EmailField(_("changed by (e-mail address)"))
    changed_at = models.DateTimeField(_("changed at"), db_index=True)
    added = models.JSONField(_("groups added"), default=list, blank=True)
    removed = models.JSONField(_("groups removed"), default=list, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self):
        return f"{self.user_email} ({self.changed_at:%Y-%m-%d %H:%M})"

    @property
    def added_text(self) -> str:
        return ", ".join(self.added)

    @property
    def removed_text(self) -> str:
        return ", ".join(self.removed)


# --- Line managers -------------------------------------------------------------------------


class ManagerLinkEnd(models.TextChoices):
    """Why a line-manager relationship stopped counting."""

    REPLACED = "replaced", _("The learner named someone else")
    WITHDRAWN = "withdrawn", _("The learner removed their manager")
    MANAGER_ENDED = "manager_ended", _("The manager said they no longer manage them")
    ACCOUNT_CLOSED = "account_closed", _("One of the accounts was closed")


class ManagerLinkStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


class ManagerLinkQuerySet(models.QuerySet):
    def open(self):
        """Neither declined nor ended: waiting for the manager, or confirmed."""
        return self.filter(declined_at__isnull=True, ended_at__isnull=True)

    def pending(self):
        return self.open().filter(confirmed_at__isnull=True)

    def confirmed(self):
        """Relationships that count: confirmed, not ended, both accounts open."""
        return self.open().filter(
            confirmed_at__isnull=False, learner__is_active=True, manager__is_active=True
        )


class ManagerLink(models.Model):
    """A learner naming someone as their line manager, and what became of it.

    It counts (for approving bookings, copies of e-mails, the team page) only once the named
    manager confirms it, and stops counting when it ends. Rows are never deleted or reused:
    naming someone else ends the open row and starts a new one, so the history of who managed
    whom, and who confirmed it, is kept. Written only by ``services.managers``.
    """

    learner = models.ForeignKey(
        User,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="manager_links",
    )
    manager = models.ForeignKey(
        User,
        verbose_name=_("line manager"),
        on_delete=models.CASCADE,
        related_name="team_links",
    )
    requested_at = models.DateTimeField(_("asked on"))
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined on"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)
    ended_by = models.ForeignKey(
        User,
        verbose_name=_("ended by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    end_reason = models.CharField(
        _("why it ended"), max_length=20, choices=ManagerLinkEnd.choices, blank=True
    )

    objects = ManagerLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("line-manager relationship")
        verbose_name_plural = _("line-manager relationships")
        constraints = [
            # One open relationship per learner: a second can only start once the first ends.
            models.UniqueConstraint(
                fields=["learner"],
                condition=models.Q(declined_at__isnull=True, ended_at__isnull=True),
                name="accounts_managerlink_one_open",
            ),
            models.CheckConstraint(
                condition=~models.Q(learner=models.F("manager")),
                name="accounts_managerlink_not_self",
            ),
            models.CheckConstraint(
                condition=models.Q(confirmed_at__isnull=True) | models.Q(declined_at__isnull=True),
                name="accounts_managerlink_confirmed_or_declined",
            ),
        ]
        indexes = [models.Index(fields=["manager", "confirmed_at", "ended_at"])]

    def __str__(self):
        return f"{self.learner} → {self.manager} ({self.get_status_display()})"

    def clean(self):
        super().clean()
        if self.learner_id and self.learner_id == self.manager_id:
            raise ValidationError({"manager": _("You cannot be your own line manager.")})
        for field in ("confirmed_at", "declined_at", "ended_at"):
            value = getattr(self, field)
            if value is not None and self.requested_at and value < self.requested_at:
                raise ValidationError({field: _("This cannot be before the request was made.")})

    @property
    def status(self) -> str:
        if self.ended_at is not None:
            return ManagerLinkStatus.ENDED
        if self.declined_at is not None:
            return ManagerLinkStatus.DECLINED
        if self.confirmed_at is not None:
            return ManagerLinkStatus.CONFIRMED
        return ManagerLinkStatus.PENDING

    def get_status_display(self) -> str:
        return ManagerLinkStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.ended_at is None and self.declined_at is None
