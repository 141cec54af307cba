"""The GOV.UK form helpers every form in the product uses: the date input, radios without an
empty choice, the 0-10 scale, and what the error summary lists. ``GovukFormMixin`` applies the
form-wide rules; the summary is ``templates/includes/error_summary.html``."""

import copy

from django import forms

from .choices import Radios, ScaleField, drop_empty_radio_choices, without_empty_choice
from .dates import DateField, DateInputWidget
from .errors import ErrorEntry, error_entries, field_anchor

__all__ = [
    "DateField",
    "DateInputWidget",
    "ErrorEntry",
    "GovukFormMixin",
    "Radios",
    "ScaleField",
    "date_data",
    "drop_empty_radio_choices",
    "error_entries",
    "field_anchor",
    "without_empty_choice",
]


class GovukFormMixin:
    """For every form: radio groups lose their empty choice, number boxes get the GOV.UK
    input style, and a model form keeps a copy of its object as it was saved (``form.saved``),
    because validation writes what was typed onto ``form.instance`` and a page heading must
    show the saved data, not a refused value.

    ``date_subjects`` names the model's dates in messages ("Enter the date held")."""

    date_subjects: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_empty_radio_choices(self)
        for field in self.fields.values():
            # crispy-forms-gds gives number boxes no GOV.UK class, which leaves them tiny.
            if isinstance(field.widget, forms.NumberInput):
                classes = field.widget.attrs.get("class", "").split()
                for name in ("govuk-input", "govuk-input--width-4"):
                    if name not in classes:
                        classes.append(name)
                field.widget.attrs["class"] = " ".join(classes)
        for name, subject in self.date_subjects.items():
            if name in self.fields:
                self.fields[name].subject = subject
        instance = getattr(self, "instance", None)
        self.saved = copy.copy(instance) if instance is not None and instance.pk else None


def date_data(name: str, day, *, prefix: str = "") -> dict:
    """The POST data of a date input holding ``day`` (a date, or None for empty boxes)."""
    key = f"{prefix}-{name}" if prefix else name
    if day is None:
        return {f"{key}_day": "", f"{key}_month": "", f"{key}_year": ""}
    return {
        f"{key}_day": str(day.day),
        f"{key}_month": str(day.month),
        f"{key}_year": str(day.year),
    }
