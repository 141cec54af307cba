"""Demo-site helpers. They return nothing unless settings.DEMO_MODE is on (never in production)."""

from django import template
from django.conf import settings

from elearning.core.demo_mfa import current_demo_totp_code

register = template.Library()


@register.simple_tag
def demo_totp_code() -> str:
    if not settings.DEMO_MODE:
        return ""
    return current_demo_totp_code()
