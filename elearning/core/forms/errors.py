"""What the GOV.UK error summary lists: every error of a form and of its formsets, at once,
each naming its field and linking to the box to fix (a date's first wrong box, a radio
group's first radio)."""

from dataclasses import dataclass

from django import forms
from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dates import PARTS, DateInputWidget

STALE_FORM = _("The form was incomplete or out of date. Reload the page and try again.")

# Django's own messages say "This field ..." without naming it; the summary adds the label.
_STOCK_VALIDATORS = (
    validators.MaxValueValidator,
    validators.MinValueValidator,
    validators.MaxLengthValidator,
    validators.MinLengthValidator,
    validators.StepValueValidator,
    validators.EmailValidator,
    validators.URLValidator,
)


@dataclass(frozen=True)
class ErrorEntry:
    """One line of the error summary: ``text`` names the field; ``label`` is the field's
    label (empty for errors of the whole form) and ``anchor`` the id to link to."""

    label: str
    message: str
    text: str
    anchor: str = ""


def _stock_messages(field: forms.Field) -> set[str]:
    messages = set()
    for cls in type(field).__mro__:
        messages.update(str(m) for m in getattr(cls, "default_error_messages", {}).values())
    messages.update(str(m) for m in models.Field.default_error_messages.values())
    messages.update(str(v.message) for v in _STOCK_VALIDATORS)
    return messages


def field_anchor(bound_field) -> str:
    """The id of the element the summary links to for ``bound_field``."""
    widget = bound_field.field.widget
    if isinstance(widget, DateInputWidget):
        part = (widget.error_parts or PARTS)[0]
        return f"{bound_field.auto_id}_{part}"
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        # crispy-forms-gds numbers the options from 1, after the field's html name.
        return f"id_{bound_field.html_name}_1"
    return bound_field.id_for_label or bound_field.auto_id or ""


def _form_entries(form, *, within: str = "") -> list[ErrorEntry]:
    """The errors of one form; ``within`` names the sub-form of a formset ("Action 2")."""
    entries: list[ErrorEntry] = []
    errors = form.errors.as_data()
    for error in errors.get(NON_FIELD_ERRORS, []):
        for message in error.messages:
            text = f"{within}: {message}" if within else message
            entries.append(ErrorEntry(label="", message=message, text=text))
    stale = False
    for name, field in form.fields.items():
        if not errors.get(name):
            continue
        bound = form[name]
        if bound.is_hidden:
            stale = True
            continue
        label = str(getattr(field, "summary_label", None) or bound.label or name)
        stock = _stock_messages(field)
        for error in errors[name]:
            # "This looks like a postcode" is about the field but does not name it either.
            names_field = str(error.message) not in stock and not str(error.message).startswith(
                ("This ", "That ")
            )
            for message in error.messages:
                if within:
                    text = (
                        f"{within}: {message}"
                        if names_field
                        else (f"{within}, {label[:1].lower()}{label[1:]}: {message}")
                    )
                else:
                    text = message if names_field else f"{label}: {message}"
                entries.append(
                    ErrorEntry(label=label, message=message, text=text, anchor=field_anchor(bound))
                )
    if stale:
        entries.append(ErrorEntry(label="", message=str(STALE_FORM), text=str(STALE_FORM)))
    return entries


def _formset_entries(formset) -> list[ErrorEntry]:
    entries = [ErrorEntry(label="", message=m, text=m) for m in formset.non_form_errors()]
    name = getattr(formset, "entry_label", "") or _("Item")
    for number, form in enumerate(formset.forms, start=1):
        entries.extend(_form_entries(form, within=f"{name} {number}"))
    return entries


def error_entries(*forms_or_formsets) -> list[ErrorEntry]:
    """Every error of the given bound forms and formsets, in page order. Unbound ones and
    ``None`` are skipped, so a page can pass the forms it may show."""
    entries: list[ErrorEntry] = []
    for item in forms_or_formsets:
        if item in (None, "") or not getattr(item, "is_bound", False):
            continue
        if isinstance(item, forms.BaseFormSet):
            entries.extend(_formset_entries(item))
        else:
            entries.extend(_form_entries(item))
    seen = set()
    unique = []
    for entry in entries:
        key = (entry.text, entry.anchor)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique
