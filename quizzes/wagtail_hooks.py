"""Admin menu link from the Wagtail admin to quiz analytics, for the people allowed to see it;
the quiz links in the site navigation and the latest attempts panel on the dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from elearning.core.registry import DashboardPanel, NavItem
from elearning.reports.permissions import can_view_partnership_reports


class _AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_partnership_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_quiz_analytics_menu_item():
    return _AnalyticsMenuItem(
        _("Quiz analytics"), reverse("quizzes:analytics_index"), icon_name="list-ol", order=900
    )


@hooks.register("register_nav_item")
def register_nav_items():
    return [
        NavItem(_("Quizzes"), "quizzes:index", order=15),
        NavItem(
            _("My quizzes"), "quizzes:mine", order=30, visible=lambda user: user.is_authenticated
        ),
        NavItem(
            _("Quiz analytics"),
            "quizzes:analytics_index",
            order=80,
            visible=can_view_partnership_reports,
        ),
    ]


def _dashboard_panel(request):
    """The learner's latest quiz attempts on their dashboard."""
    from .selectors import user_attempts

    attempts = list(user_attempts(request.user)[:3])
    return {"template": "quizzes/dashboard_panel.html", "attempts": attempts}


@hooks.register("register_dashboard_panel")
def register_quiz_attempts_panel():
    return DashboardPanel(_dashboard_panel, order=30)
