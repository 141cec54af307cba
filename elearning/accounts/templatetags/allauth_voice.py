"""allauth's forms in the site's voice, applied where every allauth form is drawn
(``templates/allauth/elements/fields.html``), so no allauth form keeps its Title Case labels or
its placeholders (GOV.UK forms do not use placeholders: they vanish as people type)."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

LABELS = {
    "Remember Me": _("Remember me on this device"),
    "Current Password": _("Current password"),
    "New Password": _("New password"),
    "New Password (again)": _("New password again"),
    "Email (again)": _("Email again"),
}


@register.simple_tag
def in_site_voice(form) -> str:
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)
        field.label = LABELS.get(str(field.label), field.label)
    return ""
