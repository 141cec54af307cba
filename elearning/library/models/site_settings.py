"""Settings editors keep per site in Wagtail's Settings menu."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class FooterSettings(BaseSiteSetting):
    """Pages linked from every page's footer."""

    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
    )

    panels = [PageChooserPanel("accessibility_page"), PageChooserPanel("privacy_page")]
    # Every page's footer links to both: read them with the settings row, not one query each.
    select_related = ["accessibility_page", "privacy_page"]

    class Meta:
        verbose_name = _("footer links")

    @classmethod
    def for_request(cls, request):
        # Every page reads it: kept per process while the content is unchanged.
        from elearning.core.sitecache import settings_for

        return settings_for(request, cls)
