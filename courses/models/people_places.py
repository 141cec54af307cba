"""Trainers and venues: records partnership staff keep in Wagtail (Snippets → Trainers,
Venues) and choose from when they add a training session.

A trainer is a person, with or without an account here; a trainer linked to an account sees
their sessions under "Sessions I run" and may mark those sessions' registers. Neither record
is deleted once a session names it (``PROTECT``): it is made inactive instead, which takes it
out of the choices for new sessions and leaves past sessions as they were.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TrainerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Trainer(index.Indexed, models.Model):
    """Someone who runs training sessions for the partnership."""

    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Where the trainer works, for example the partnership or a charity."),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("How the partnership contacts the trainer.")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainer_record",
        verbose_name=_("account on this site"),
        help_text=_(
            "Choose the trainer's account if they have one. They then see their sessions "
            "under 'Sessions I run' and can mark those sessions' registers, which show the "
            "names of the people booked."
        ),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Untick when the trainer no longer runs sessions. They stay on past sessions but "
            "cannot be chosen for new ones."
        ),
    )

    objects = TrainerQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("user"),
        FieldPanel("active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.FilterField("active"),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self):
        return self.name


class VenueQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Venue(index.Indexed, models.Model):
    """A place where face-to-face sessions are held. Online sessions have no venue."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Building and room, for example 'Civic Centre, Training Room 3'."),
    )
    address = models.TextField(
        _("address"), blank=True, help_text=_("Street, town and postcode, one per line.")
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_(
            "How many people the room holds. Sessions here cannot offer more places. Leave "
            "blank if you do not know."
        ),
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loop, accessible toilets, parking, and so on."),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Untick when the partnership stops using the venue. It stays on past sessions but "
            "cannot be chosen for new ones."
        ),
    )

    objects = VenueQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("capacity"),
        FieldPanel("accessibility"),
        FieldPanel("active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("address"),
        index.FilterField("active"),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    @property
    def one_line(self) -> str:
        """Name and address on one line, for e-mails and calendar files."""
        lines = [self.name, *(line.strip() for line in self.address.splitlines())]
        return ", ".join(line for line in lines if line)
