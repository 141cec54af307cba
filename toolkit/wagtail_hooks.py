"""The neglect assessments link in the site navigation, for people who are signed in, and the
toolkit's section of the partnership reports."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from elearning.core.registry import NavItem

from . import report


@hooks.register("register_nav_item")
def register_assessments_nav_item():
    return NavItem(
        _("Neglect assessments"),
        "toolkit:assessment_list",
        order=35,
        visible=lambda user: user.is_authenticated,
    )


@hooks.register("register_report_section")
def toolkit_report_section():
    return report.section
