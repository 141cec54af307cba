"""Small helpers for the quiz stage form, so templates need no logic of their own."""

from django import template

register = template.Library()


@register.simple_tag
def quiz_field_name(question) -> str:
    return f"q-{question.id}"


@register.simple_tag
def error_for(error_map, name):
    return (error_map or {}).get(name, "")


@register.simple_tag
def is_checked(posted, name, value) -> bool:
    if not posted:
        return False
    return str(value) in posted.getlist(name)


@register.simple_tag
def posted_value(posted, name) -> str:
    return posted.get(name, "") if posted else ""


@register.filter
def worry_range(_value):
    return range(11)
