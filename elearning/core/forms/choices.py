"""Radios as the GOV.UK Design System draws them: never an empty "---------" choice (a radio
group that must be answered has nothing to "unselect" to), optionally inline, and the 0-10
scale the partnership's worry scales use."""

from django import forms
from django.utils.text import format_lazy


def without_empty_choice(choices) -> list:
    """``choices`` without the blank entry Django adds to model choices ("---------")."""
    return [(value, label) for value, label in choices if value not in ("", None)]


class Radios(forms.RadioSelect):
    """A radio group. ``inline`` puts short answers side by side (yes/no, a 0-10 scale);
    ``small`` draws smaller radios, for long lists such as a scale."""

    def __init__(self, attrs=None, choices=(), *, inline: bool = False, small: bool = False):
        super().__init__(attrs, choices)
        self.inline = inline
        self.small = small


def drop_empty_radio_choices(form: forms.BaseForm) -> None:
    """Take the empty choice out of every radio group of ``form``."""
    for field in form.fields.values():
        if not isinstance(field.widget, forms.RadioSelect):
            continue
        if isinstance(field, forms.ModelChoiceField):
            field.empty_label = None
        elif hasattr(field, "choices"):
            field.choices = without_empty_choice(field.choices)


class ScaleField(forms.TypedChoiceField):
    """A number from ``low`` to ``high`` chosen from inline radios, with the two ends labelled
    in words ("0 – safe enough to close" ... "10 – the child is in danger")."""

    def __init__(self, *, low_label, high_label, low: int = 0, high: int = 10, **kwargs):
        for unused in ("min_value", "max_value", "max_length"):
            kwargs.pop(unused, None)
        choices = [(n, str(n)) for n in range(low, high + 1)]
        choices[0] = (low, format_lazy("{} – {}", low, low_label))
        choices[-1] = (high, format_lazy("{} – {}", high, high_label))
        kwargs.setdefault("widget", Radios(inline=True, small=True))
        super().__init__(choices=choices, coerce=int, empty_value=None, **kwargs)
        self.low, self.high = low, high
