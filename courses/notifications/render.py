"""Checking and filling placeholders in the wording partnership staff write.

A placeholder is a name in braces, such as {first_name}, and nothing else: no dots, brackets,
conversions or format specs, so wording can never reach into an object ("{user.password}").
Values are plain strings. Wording is checked when it is saved and again before it is filled;
wording that fails the second check (a placeholder a later release no longer offers) is not
sent: the kind's default wording is sent instead and the problem is logged.
"""

import logging
import re
import string

from django.utils.translation import gettext as _

from ..models.notifications import EmailTemplate
from .catalogue import KINDS, PLACEHOLDERS

logger = logging.getLogger(__name__)

_FORMATTER = string.Formatter()
_NAME = re.compile(r"[a-z_]+\Z")


def placeholder_errors(text: str, allowed) -> list[str]:
    """What is wrong with the placeholders in ``text``, one message each; empty if nothing."""
    try:
        parts = list(_FORMATTER.parse(text or ""))
    except ValueError:
        return [
            _(
                "Check the braces: a placeholder is a name in braces, such as {first_name}. "
                "To show a brace itself, type it twice: {{ or }}."
            )
        ]
    problems = []
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        shown = (
            "{"
            + field
            + ("!" + conversion if conversion else "")
            + (":" + spec if spec else "")
            + "}"
        )
        if not field:
            problem = _("Empty braces {} are not a placeholder.")
        elif not _NAME.match(field):
            problem = _(
                "%(placeholder)s is not allowed: a placeholder is a name only, without dots, "
                "brackets or other signs."
            ) % {"placeholder": shown}
        elif spec or conversion:
            problem = _("Write %(placeholder)s as {%(name)s}, with nothing after the name.") % {
                "placeholder": shown,
                "name": field,
            }
        elif field not in allowed:
            problem = _(
                "{%(name)s} is not a placeholder this e-mail can use. It can use: %(allowed)s."
            ) % {"name": field, "allowed": allowed_list(allowed)}
        else:
            continue
        if problem not in problems:
            problems.append(problem)
    return problems


def allowed_list(allowed) -> str:
    return ", ".join("{" + name + "}" for name in allowed)


def placeholder_help(kind: str) -> str:
    """The help text editors see under the body: each placeholder and what it becomes."""
    lines = ["{" + name + "}: " + str(PLACEHOLDERS[name].help) for name in KINDS[kind].placeholders]
    return _("Placeholders you can use: %(list)s.") % {"list": "; ".join(lines)}


class PlaceholderProblem(ValueError):
    pass


def fill(text: str, values: dict[str, str], allowed) -> str:
    """``text`` with each placeholder replaced by its value (all values are strings)."""
    problems = placeholder_errors(text, allowed)
    if problems:
        raise PlaceholderProblem(" ".join(problems))
    return text.format_map({name: str(values[name]) for name in allowed})


def _tidy_body(text: str) -> str:
    # An empty placeholder on a line of its own (joining details for someone without a place)
    # would leave a gap of several blank lines.
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _tidy_subject(text: str) -> str:
    return " ".join(text.split())


def wording(kind: str) -> tuple[str, str]:
    """The subject and body staff have saved for ``kind``, or its default."""
    stored = EmailTemplate.objects.filter(kind=kind).only("subject", "body").first()
    if stored is not None:
        return stored.subject, stored.body
    spec = KINDS[kind]
    return str(spec.subject), str(spec.body)


def render(kind: str, values: dict[str, str]) -> tuple[str, str]:
    """Subject and body of a ``kind`` e-mail filled with ``values`` (one per placeholder)."""
    spec = KINDS[kind]
    subject, body = wording(kind)
    try:
        filled = fill(subject, values, spec.placeholders), fill(body, values, spec.placeholders)
    except PlaceholderProblem as problem:
        logger.warning("Saved wording of %s e-mail not used: %s", kind, problem)
        filled = (
            fill(str(spec.subject), values, spec.placeholders),
            fill(str(spec.body), values, spec.placeholders),
        )
    return _tidy_subject(filled[0]), _tidy_body(filled[1])


def samples(kind: str) -> dict[str, str]:
    return {name: str(PLACEHOLDERS[name].sample) for name in KINDS[kind].placeholders}


def preview(template: EmailTemplate) -> dict:
    """What the preview shows: the wording being edited, filled with made-up values."""
    spec = template.spec
    values = samples(template.kind)
    problems = placeholder_errors(template.subject, spec.placeholders) + placeholder_errors(
        template.body, spec.placeholders
    )
    if problems:
        return {"problems": problems, "spec": spec}
    return {
        "subject": _tidy_subject(fill(template.subject, values, spec.placeholders)),
        "body": _tidy_body(fill(template.body, values, spec.placeholders)),
        "spec": spec,
        "to_name": values.get("full_name") or values.get("first_name"),
    }
