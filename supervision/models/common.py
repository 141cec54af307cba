"""Shared by the supervision models: the reflective themes and the stale-edit helper."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def labelled_values(obj, names) -> list[tuple[str, str]]:
    """(label, displayed value) pairs, for showing the saved version beside a stale edit."""
    pairs = []
    for name in names:
        field = obj._meta.get_field(name)
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if display else getattr(obj, name)
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        pairs.append((str(field.verbose_name).capitalize(), "" if value is None else str(value)))
    return pairs


class ReflectionTheme(models.TextChoices):
    """Themes of reflective supervision, each with its own prompts (see ``PromptSet``)."""

    BIAS = "bias", _("Bias")
    DESENSITISATION = "desensitisation", _("Desensitisation")
    DRIFT = "drift", _("Case drift")
    CHILDS_VOICE = "childs_voice", _("The child's voice")
    UNSEEN_MEN = "unseen_men", _("Unseen men")
    DISGUISED_COMPLIANCE = "disguised_compliance", _("Disguised compliance")
    CHRONOLOGY = "chronology", _("Chronology")
    STUCK = "stuck", _("Stuck cases")
