"""Teams' records of discussing a 7-minute briefing and what they agreed to do."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .briefings import SevenMinuteBriefingPage


class TeamUse(models.Model):
    """A team's record of discussing a 7-minute briefing and what it agreed to do."""

    # PROTECT: a team's record outlives the briefing; unpublish a briefing to retire it.
    briefing = models.ForeignKey(
        SevenMinuteBriefingPage,
        on_delete=models.PROTECT,
        related_name="team_uses",
        verbose_name=_("briefing"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="briefing_team_uses",
        verbose_name=_("recorded by"),
    )
    # Kept as it was when recorded, so roll-ups do not change when someone moves agency.
    agency = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="briefing_team_uses",
        verbose_name=_("agency"),
    )
    team = models.CharField(_("team"), max_length=150)
    date_discussed = models.DateField(_("date discussed"))
    attendees = models.PositiveSmallIntegerField(
        _("number of people"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    agreed_actions = models.TextField(_("what we agreed to do differently"), max_length=2000)
    how_we_will_know = models.TextField(_("how we will know it worked"), max_length=2000)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date_discussed", "-id"]
        verbose_name = _("team use of a briefing")
        # Reports count team uses in a date range, for everyone or for one agency.
        indexes = [
            models.Index(fields=["date_discussed"]),
            models.Index(fields=["agency", "date_discussed"]),
        ]
        verbose_name_plural = _("team uses of briefings")

    def __str__(self):
        return f"{self.team} – {date_format(self.date_discussed, 'd/m/Y')}"

    def clean(self):
        if self.date_discussed and self.date_discussed > timezone.localdate():
            raise ValidationError(
                {"date_discussed": _("The date discussed cannot be in the future.")}
            )
