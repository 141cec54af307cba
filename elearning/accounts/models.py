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
    manager = models.ForeignKey(
        "self",
        verbose_name=_("line manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_members",
        help_text=_(
            "The person who manages you. They approve training bookings where a course asks "
            "for it and are told when your certificates are due to expire."
        ),
    )

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

    def clean(self):
        super().clean()
        if self.manager_id and self.manager_id == self.pk:
            raise ValidationError({"manager": _("You cannot be your own line manager.")})

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
