"""Admin menu link from the Wagtail admin to quiz analytics, for the people allowed to see it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from elearning.reports.permissions import can_view_partnership_reports


class _AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_partnership_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_quiz_analytics_menu_item():
    return _AnalyticsMenuItem(
        _("Quiz analytics"), reverse("quizzes:analytics_index"), icon_name="list-ol", order=900
    )
