"""The neglect assessments link in the site navigation, for people who are signed in."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from elearning.core.registry import NavItem


@hooks.register("register_nav_item")
def register_assessments_nav_item():
    return NavItem(
        _("Neglect assessments"),
        "toolkit:assessment_list",
        order=35,
        visible=lambda user: user.is_authenticated,
    )
