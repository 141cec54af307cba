from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "elearning.reports"
    label = "reports"
    verbose_name = "Partnership reports"
