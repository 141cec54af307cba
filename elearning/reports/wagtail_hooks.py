"""The reports link in the site navigation, for the people allowed to see reports, and the
reports' own sections of the reports page."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from elearning.core.registry import NavItem

from .permissions import can_view_reports
from .sections import (
    briefings,
    confidence,
    content_review,
    impact,
    people,
    quiz_results,
    training_reach,
    training_sessions,
)


@hooks.register("register_nav_item")
def register_reports_nav_item():
    return NavItem(_("Reports"), "reports:index", order=80, visible=can_view_reports)


@hooks.register("register_report_section")
def register_report_sections():
    modules = (
        people,
        training_reach,
        training_sessions,
        confidence,
        impact,
        quiz_results,
        briefings,
        content_review,
    )
    return [module.section for module in modules]
