from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def cell(row: dict, key: str):
    """A table cell's value; suppressed counts read 'fewer than 5'."""
    value = row.get(key)
    if value is None and row.get("suppressed"):
        return _("fewer than 5")
    return "–" if value is None else value
