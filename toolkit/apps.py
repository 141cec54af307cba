from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    label = "toolkit"
    verbose_name = _("Neglect toolkit")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from elearning.core.registry import register_nav_item

        from . import report  # noqa: F401 (registers the toolkit report section)

        register_nav_item(
            _("Neglect assessments"),
            "toolkit:assessment_list",
            visible=lambda user: user.is_authenticated,
            order=35,
        )
