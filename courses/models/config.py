"""The partnership's training settings, edited by partnership staff in Wagtail (Settings →
Training). One set for the whole site."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="calendar")
class TrainingSettings(BaseGenericSetting):
    copy_managers = models.BooleanField(
        _("copy line managers into booking e-mails"),
        default=True,
        help_text=_("Only a confirmed line manager is ever copied."),
    )
    no_show_charge = models.DecimalField(
        _("charge per no-show (£)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
        help_text=_("Charged to the person's agency. Leave blank for no charge."),
    )
    impact_follow_up_weeks = models.PositiveSmallIntegerField(
        _("weeks after completion to ask about impact on practice"),
        default=13,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
    )

    panels = [
        MultiFieldPanel([FieldPanel("copy_managers")], heading=_("E-mails")),
        MultiFieldPanel([FieldPanel("no_show_charge")], heading=_("Non-attendance")),
        MultiFieldPanel([FieldPanel("impact_follow_up_weeks")], heading=_("Evaluation")),
    ]

    class Meta:
        verbose_name = _("training settings")
