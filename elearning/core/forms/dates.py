"""The GOV.UK date input: a day, a month and a year box, with the Design System's messages.

A browser date picker is hard to use with a keyboard or a screen reader and looks different in
every browser; the three boxes are what UK public-sector staff know. What the person typed is
shown again as they typed it when anything on the page is refused.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

PARTS = ("day", "month", "year")
PART_LABELS = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
_WIDTHS = {"day": 2, "month": 2, "year": 4}
_NUMBER = re.compile(r"[0-9]+")
# A date in a link (``?start=2026-04-01``): report filters are shared and bookmarked this way.
_ISO = re.compile(r"([0-9]{1,4})-([0-9]{1,2})-([0-9]{1,2})")

_MISSING = {
    ("day",): _("a day"),
    ("month",): _("a month"),
    ("year",): _("a year"),
    ("day", "month"): _("a day and month"),
    ("day", "year"): _("a day and year"),
    ("month", "year"): _("a month and year"),
}


class DateInputWidget(forms.MultiWidget):
    """Three numeric text boxes named ``<name>_day``, ``<name>_month`` and ``<name>_year``
    (their ids follow the same pattern). With ``iso_param`` a single ``<name>=YYYY-MM-DD``
    is accepted too, for GET forms whose links carry dates that way."""

    template_name = "core/widgets/date_input.html"

    def __init__(self, attrs=None, *, iso_param: bool = False):
        widgets = {
            part: forms.TextInput(
                attrs={
                    "class": "govuk-input govuk-date-input__input "
                    f"govuk-input--width-{_WIDTHS[part]}",
                    "inputmode": "numeric",
                    "autocomplete": "off",
                }
            )
            for part in PARTS
        }
        super().__init__(widgets, attrs)
        self.iso_param = iso_param
        # Which boxes the last clean found wrong; the field sets it, rendering reads it.
        self.error_parts: tuple[str, ...] = ()

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str):
            match = _ISO.fullmatch(value.strip())
            if match:
                year, month, day = match.groups()
                return [str(int(day)), str(int(month)), year]
        return ["", "", ""]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if self.iso_param and not any(parts) and data.get(name):
            return data.get(name)
        return parts

    def value_omitted_from_data(self, data, files, name):
        omitted = super().value_omitted_from_data(data, files, name)
        return omitted and not (self.iso_param and name in data)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id")
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            sub_attrs = subwidget["attrs"]
            if widget_id:
                sub_attrs["id"] = f"{widget_id}_{part}"
            subwidget["label"] = PART_LABELS[part]
            classes = sub_attrs.get("class", "").split()
            if part in self.error_parts and "govuk-input--error" not in classes:
                classes.append("govuk-input--error")
            sub_attrs["class"] = " ".join(classes)
            if not sub_attrs.get("aria-describedby"):
                sub_attrs.pop("aria-describedby", None)
        return context


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, refused with the GOV.UK messages ("Date held must
    include a month", "... must be a real date"). ``subject`` is how the messages name the
    date, in lower case ("the date held"); it defaults to the label.

    Which boxes were wrong is kept on the widget (for the red borders and for the error
    summary's link) and on each part's widget as ``errors``, which is where crispy-forms-gds
    looks for them."""

    widget = DateInputWidget
    default_error_messages = {
        "required": _("Enter %(subject)s"),
        "incomplete": _("%(Subject)s must include %(missing)s"),
        "invalid": _("%(Subject)s must be a real date"),
        "year": _("%(Subject)s must include a year with 4 numbers"),
    }

    def __init__(self, *, subject=None, iso_param: bool = False, **kwargs):
        kwargs.pop("max_length", None)
        if not kwargs.get("help_text"):
            kwargs["help_text"] = _("For example, 27 3 2026")
        fields = tuple(forms.CharField(required=False) for _part in PARTS)
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        self.subject = subject
        self.widget.iso_param = iso_param

    def widget_attrs(self, widget):
        return {}

    # --- cleaning -------------------------------------------------------------------------

    def _params(self, **extra) -> dict:
        subject = self.subject
        if subject is None:
            label = str(self.label or _("the date"))
            subject = label[:1].lower() + label[1:]
        return {"subject": subject, "Subject": capfirst(str(subject)), **extra}

    def _mark(self, parts) -> None:
        self.widget.error_parts = tuple(part for part in PARTS if part in parts)
        for part, field in zip(PARTS, self.fields, strict=True):
            field.widget.errors = ["x"] if part in parts else []

    def _refuse(self, code: str, parts, **extra):
        self._mark(parts)
        message = self.error_messages[code] % self._params(**extra)
        for field in self.fields:
            if field.widget.errors:
                field.widget.errors = [message]
        raise ValidationError(message, code=code)

    def _parts(self, value) -> list[str] | None:
        """The three parts as typed, or None for a value that cannot be split at all."""
        if isinstance(value, str):
            if not value.strip():
                return ["", "", ""]
            match = _ISO.fullmatch(value.strip())
            if not match:
                return None
            year, month, day = match.groups()
            return [day, month, year]
        values = list(value or ()) + ["", "", ""]
        return [str(part or "").strip() for part in values[:3]]

    def clean(self, value):
        self._mark(())
        if isinstance(value, datetime.date):  # the initial value of a disabled field
            return value
        parts = self._parts(value)
        if parts is None:
            self._refuse("invalid", PARTS)
        missing = tuple(part for part, typed in zip(PARTS, parts, strict=True) if not typed)
        if len(missing) == len(PARTS):
            if self.required:
                self._refuse("required", PARTS)
            return None
        if missing:
            self._refuse("incomplete", missing, missing=_MISSING[missing])
        not_numbers = [
            part for part, typed in zip(PARTS, parts, strict=True) if not _NUMBER.fullmatch(typed)
        ]
        if not_numbers:
            self._refuse("invalid", not_numbers)
        day, month, year = (int(typed) for typed in parts)
        if len(parts[2]) != 4 or year < 1000:
            self._refuse("year", ("year",))
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            self._refuse("invalid", ("month",) if not 1 <= month <= 12 else ("day",))
        self.validate(date)
        self.run_validators(date)
        return date

    def compress(self, data_list):  # clean() above does the whole job
        raise NotImplementedError

    def has_changed(self, initial, data):
        if isinstance(data, str):
            data = self.widget.decompress(data)
        return super().has_changed(initial, data)
