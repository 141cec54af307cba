from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "elearning.reports"
    label = "reports"
    verbose_name = "Partnership reports"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from elearning.core.registry import register_nav_item

        from .permissions import can_view_reports

        register_nav_item(_("Reports"), "reports:index", visible=can_view_reports, order=80)
