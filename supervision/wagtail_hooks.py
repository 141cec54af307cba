"""Admin screens: reflective prompt sets for partnership staff. Records are never here."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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


@hooks.register("register_report_section")
def supervision_report_section():
    return report.section
