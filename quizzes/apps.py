from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _dashboard_panel(request):
    """The learner's latest quiz attempts on their dashboard."""
    from .selectors import user_attempts

    attempts = list(user_attempts(request.user)[:3])
    return {"template": "quizzes/dashboard_panel.html", "attempts": attempts}


class QuizzesConfig(AppConfig):
    name = "quizzes"
    label = "quizzes"
    verbose_name = _("Scenario quizzes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from elearning.core.registry import register_dashboard_panel, register_nav_item
        from elearning.reports.permissions import can_view_partnership_reports

        register_nav_item(_("Quizzes"), "quizzes:index", order=15)
        register_nav_item(
            _("My quizzes"), "quizzes:mine", visible=lambda user: user.is_authenticated, order=30
        )
        register_nav_item(
            _("Quiz analytics"),
            "quizzes:analytics_index",
            visible=can_view_partnership_reports,
            order=80,
        )
        register_dashboard_panel(_dashboard_panel, order=30)
