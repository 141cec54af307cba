"""Admin screens: reflective prompt sets for partnership staff. Records are never here. Also the
supervision link in the site navigation, the supervision panel on the dashboard and the
supervision section of the partnership reports."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from elearning.core.registry import DashboardPanel, NavItem

from . import report
from .models import PromptSet


class PromptSetViewSet(SnippetViewSet):
    model = PromptSet
    icon = "help"
    menu_label = "Reflective prompts"
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["theme"]


register_snippet(PromptSetViewSet)


@hooks.register("register_nav_item")
def register_supervision_nav_item():
    return NavItem(
        _("Supervision"), "supervision:home", order=30, visible=lambda user: user.is_authenticated
    )


@hooks.register("register_dashboard_panel")
def register_supervision_panel():
    from .views import supervision_panel

    return DashboardPanel(supervision_panel, order=10)


@hooks.register("register_report_section")
def supervision_report_section():
    return report.section
