"""Settings partnership staff edit in Wagtail: prompts and drift thresholds."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .common import ReflectionTheme


class PromptSet(models.Model):
    """Reflective prompts for one theme, offered a few at a time in supervision records."""

    theme = models.CharField(
        _("theme"), max_length=30, choices=ReflectionTheme.choices, unique=True
    )
    prompts = models.TextField(
        _("prompts"), help_text=_("One question per line. Three are offered at a time.")
    )

    panels = [FieldPanel("theme"), FieldPanel("prompts")]

    class Meta:
        ordering = ["theme"]
        verbose_name = _("reflective prompt set")

    def __str__(self):
        return self.get_theme_display()

    def prompt_list(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]


@register_setting(icon="warning")
class SupervisionSettings(BaseGenericSetting):
    """Thresholds for the drift flags and the retention period, one set for the whole
    platform. Flags prompt a conversation; they never decide anything."""

    not_changing_run = models.PositiveSmallIntegerField(
        _("rule 1: discussions in a row with the change check 'no' or 'unclear'"),
        default=3,
        validators=[MinValueValidator(2)],
    )
    carried_forward = models.PositiveSmallIntegerField(
        _("rule 2: times an action is carried forward"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    not_seen_alone_run = models.PositiveSmallIntegerField(
        _("rule 3: discussions in a row without the child seen alone and heard"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    adults_unknown_run = models.PositiveSmallIntegerField(
        _("rule 4: discussions in a row with adults not known or assessed"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    chronology_weeks = models.PositiveSmallIntegerField(
        _("rule 5: weeks without a chronology review"),
        default=12,
        validators=[MinValueValidator(1)],
    )
    worry_trend_run = models.PositiveSmallIntegerField(
        _("rule 6: discussions over which a falling worry scale is looked for"),
        default=3,
        validators=[MinValueValidator(2)],
    )
    normalising_phrases = models.TextField(
        _("rule 6: normalising phrases"),
        default="seen worse\nno worse than\nnot as bad as\nused to it\njust how they are\n"
        "typical for the area\ngood enough for round here",
        help_text=_("One per line; matched without regard to capitals."),
    )
    stuck_count = models.PositiveSmallIntegerField(
        _("rule 7: times 'stuck' is recorded with no escalation"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    worker_changes = models.PositiveSmallIntegerField(
        _("rule 9: changes of allocated worker"), default=2, validators=[MinValueValidator(1)]
    )
    worker_change_months = models.PositiveSmallIntegerField(
        _("rule 9: over this many months"), default=6, validators=[MinValueValidator(1)]
    )
    toolkit_review_weeks = models.PositiveSmallIntegerField(
        _("rule 10: weeks between neglect toolkit reviews compared"),
        default=12,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A flag is raised when no area is better than in an assessment at least this many "
            "weeks earlier, or when any area is worse than in the one before."
        ),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention (years after the record was held)"),
        default=6,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("supervision settings")

    def phrases(self) -> list[str]:
        return [p.strip().lower() for p in self.normalising_phrases.splitlines() if p.strip()]
