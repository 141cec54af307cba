"""The reports link in the site navigation, for the people allowed to see reports."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from elearning.core.registry import NavItem

from .permissions import can_view_reports


@hooks.register("register_nav_item")
def register_reports_nav_item():
    return NavItem(_("Reports"), "reports:index", order=80, visible=can_view_reports)
