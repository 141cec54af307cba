"""The GOV.UK form helpers (elearning.core.forms): the date input, radios without an empty
choice, the 0-10 scale and the error summary."""

import datetime
import re

import pytest
from django import forms
from django.template import Context, Template

from elearning.core.forms import (
    DateField,
    GovukFormMixin,
    Radios,
    ScaleField,
    date_data,
    error_entries,
)
from supervision.forms import DiscussionForm, NewActionFormSet


class SessionForm(GovukFormMixin, forms.Form):
    held_on = DateField(label="Date of session")
    kind = forms.ChoiceField(
        label="Type", choices=[("", "---------"), ("one", "One to one")], widget=Radios
    )
    notes = forms.CharField(label="Notes", max_length=5)

    def clean(self):
        cleaned = super().clean()
        self.add_error(None, "Something about the whole form.")
        return cleaned


def _date_errors(**parts) -> list[str]:
    data = {f"held_on_{part}": value for part, value in parts.items()}
    return SessionForm(data=data).errors.get("held_on", [])


def _render(template: str, **context) -> str:
    return Template("{% load crispy_forms_tags %}" + template).render(Context(context))


# --- The date input -----------------------------------------------------------------------


def test_a_real_date_typed_in_three_boxes_is_accepted():
    field = DateField(label="Date of session")
    assert field.clean(["1", "4", "2026"]) == datetime.date(2026, 4, 1)
    assert field.clean([" 09 ", "02", "2024"]) == datetime.date(2024, 2, 9)
    assert field.clean(["29", "2", "2024"]) == datetime.date(2024, 2, 29)


@pytest.mark.parametrize(
    "parts, message, wrong",
    [
        ({}, "Enter date of session", ("day", "month", "year")),
        ({"day": "1", "year": "2026"}, "Date of session must include a month", ("month",)),
        ({"year": "2026"}, "Date of session must include a day and month", ("day", "month")),
        ({"day": "1", "month": "4"}, "Date of session must include a year", ("year",)),
        ({"day": "31", "month": "2", "year": "2026"}, "must be a real date", ("day",)),
        ({"day": "29", "month": "2", "year": "2025"}, "must be a real date", ("day",)),
        ({"day": "1", "month": "13", "year": "2026"}, "must be a real date", ("month",)),
        ({"day": "x", "month": "4", "year": "2026"}, "must be a real date", ("day",)),
        ({"day": "1", "month": "-4", "year": "2026"}, "must be a real date", ("month",)),
        ({"day": "1", "month": "4", "year": "26"}, "year with 4 numbers", ("year",)),
        ({"day": "1", "month": "4", "year": "²⁰²⁶"}, "must be a real date", ("year",)),
    ],
)
def test_dates_that_are_not_whole_or_real_are_refused_naming_the_field(parts, message, wrong):
    form = SessionForm(data={f"held_on_{part}": value for part, value in parts.items()})
    errors = form.errors["held_on"]
    assert len(errors) == 1 and message in errors[0]
    if not errors[0].startswith("Enter"):
        assert errors[0].startswith("Date of session")
    assert form.fields["held_on"].widget.error_parts == wrong
    # The summary links to the first wrong box.
    entry = next(e for e in error_entries(form) if e.label == "Date of session")
    assert entry.anchor == f"id_held_on_{wrong[0]}"


def test_the_subject_names_the_date_in_messages():
    field = DateField(label="Date held", subject="the date held")
    with pytest.raises(forms.ValidationError) as empty:
        field.clean(["", "", ""])
    assert empty.value.messages == ["Enter the date held"]
    with pytest.raises(forms.ValidationError) as no_month:
        field.clean(["1", "", "2026"])
    assert no_month.value.messages == ["The date held must include a month"]


def test_an_optional_date_may_be_left_empty():
    assert DateField(required=False).clean(["", " ", ""]) is None


def test_what_was_typed_is_shown_again_with_only_the_wrong_box_marked():
    form = SessionForm(data={"held_on_day": "1", "held_on_month": "", "held_on_year": "2O26"})
    form.is_valid()
    html = _render("{{ form|crispy }}", form=form)
    assert 'name="held_on_day" value="1"' in html
    assert 'name="held_on_year" value="2O26"' in html
    day = re.search(r'<input[^>]*name="held_on_day"[^>]*>', html).group(0)
    month = re.search(r'<input[^>]*name="held_on_month"[^>]*>', html).group(0)
    assert "govuk-input--error" not in day and "govuk-input--error" in month
    for part in ("day", "month", "year"):
        assert (
            f'<label class="govuk-label govuk-date-input__label" for="id_held_on_{part}">' in html
        )
    assert 'type="date"' not in html


def test_a_date_refused_by_the_form_marks_every_box():
    class NotFuture(GovukFormMixin, forms.Form):
        day = DateField(label="Day seen")

        def clean_day(self):
            raise forms.ValidationError("The day seen cannot be in the future.")

    form = NotFuture(data=date_data("day", datetime.date(2999, 1, 1)))
    html = _render("{{ form|crispy }}", form=form)
    assert html.count("govuk-input--error") == 3
    assert error_entries(form)[0].anchor == "id_day_day"


def test_the_boxes_show_the_initial_date_and_the_date_of_a_link():
    form = SessionForm(initial={"held_on": datetime.date(2026, 4, 9)})
    html = _render("{{ form.held_on }}", form=form)
    assert 'value="9"' in html and 'value="4"' in html and 'value="2026"' in html

    class Filter(forms.Form):
        start = DateField(required=False, iso_param=True, subject="the ‘From’ date")

    linked = Filter(data={"start": "2026-04-09"})
    assert linked.is_valid() and linked.cleaned_data["start"] == datetime.date(2026, 4, 9)
    assert 'name="start_day" value="9"' in _render("{{ form.start }}", form=linked)
    for bad in ("2026-13-01", "not-a-date", "'"):
        refused = Filter(data={"start": bad})
        assert refused.errors["start"] == ["The ‘From’ date must be a real date"]
    typed = Filter(data={"start": "2026-04-09", **date_data("start", datetime.date(2025, 1, 2))})
    assert typed.is_valid() and typed.cleaned_data["start"] == datetime.date(2025, 1, 2)
    # Without iso_param a bare ISO value is not read: POST forms take the boxes only.
    assert DateField(required=False).widget.value_from_datadict(
        {"held_on": "2026-04-09"}, {}, "held_on"
    ) == [None, None, None]


# --- Radios and the scale -----------------------------------------------------------------


def test_radios_never_offer_an_empty_choice():
    form = SessionForm()
    assert form.fields["kind"].choices == [("one", "One to one")]
    discussion = DiscussionForm()
    assert [value for value, _label in discussion.fields["change_check"].choices] == [
        "yes",
        "partly",
        "no",
        "unclear",
    ]
    html = _render("{{ form|crispy }}", form=discussion)
    radios = re.findall(r'<input[^>]*type="radio"[^>]*name="change_check"[^>]*>', html, re.S)
    assert len(radios) == 4
    assert "---------" not in html and not any('value=""' in radio for radio in radios)


def test_the_worry_scale_is_eleven_labelled_inline_radios():
    html = _render("{{ form|crispy }}", form=DiscussionForm())
    start = html.index('id="div_id_worry_scale"')
    group = html[start : html.index("</fieldset>", start)]
    values = re.findall(r'type="radio"\s+name="worry_scale"[^>]*value="(\d+)"', group, re.S)
    assert values == [str(n) for n in range(11)]
    labels = [
        " ".join(label.split())
        for label in re.findall(
            r'class="govuk-label govuk-radios__label"[^>]*>(.*?)</label>', group, re.S
        )
    ]
    assert labels[0] == "0 – safe enough to close" and labels[-1] == "10 – in danger"
    assert labels[1:-1] == [str(n) for n in range(1, 10)]
    assert "govuk-radios govuk-radios--inline" in group
    assert "<legend" in group and "Worry scale" in group
    assert 'type="number"' not in html


def test_the_scale_refuses_numbers_off_the_scale():
    field = ScaleField(label="Worry", low_label="none", high_label="a lot")
    assert field.clean("0") == 0 and field.clean("10") == 10
    for bad in ("11", "-1", "five"):
        with pytest.raises(forms.ValidationError):
            field.clean(bad)


# --- The error summary --------------------------------------------------------------------


def test_the_summary_names_every_field_and_lists_all_errors_at_once():
    form = SessionForm(data={"held_on_day": "31", "held_on_month": "2", "held_on_year": "2026"})
    texts = [entry.text for entry in error_entries(form)]
    assert texts == [
        "Something about the whole form.",
        "Date of session must be a real date",
        "Type: This field is required.",
        "Notes: This field is required.",
    ]
    anchors = [entry.anchor for entry in error_entries(form)]
    assert anchors == ["", "id_held_on_day", "id_kind_1", "id_notes"]
    html = _render('{% include "includes/error_summary.html" %}', form=form)
    assert html.count("<li>") == 4
    assert '<a href="#id_notes">Notes: This field is required.</a>' in html
    assert '<a href="#id_kind_1">Type: This field is required.</a>' in html
    # The radio the summary links to exists, with that id.
    assert 'id="id_kind_1"' in _render("{{ form|crispy }}", form=form)


def test_errors_of_the_whole_form_appear_once_in_the_summary():
    form = SessionForm(data={})
    html = _render('{% include "includes/error_summary.html" %}{{ form|crispy }}', form=form)
    assert html.count("Something about the whole form.") == 1
    summary = html[html.index("govuk-error-summary") : html.index("</ul>")]
    assert "Something about the whole form." in summary
    assert "alert-danger" not in html


def test_formset_field_errors_reach_the_summary():
    data = {
        "actions-TOTAL_FORMS": "2",
        "actions-INITIAL_FORMS": "0",
        "actions-0-description": "Visit the school",
        "actions-1-owner": "SW",
        **date_data("due_on", None, prefix="actions-1"),
        "actions-1-due_on_day": "40",
    }
    actions = NewActionFormSet(data, prefix="actions")
    entries = error_entries(DiscussionForm(data={"version": "1"}), actions)
    texts = [entry.text for entry in entries]
    assert "Action 1: Say who owns this action." in texts
    assert "Action 2: Describe the action." in texts
    assert "Action 2: The due date must include a month and year" in texts
    owner = next(e for e in entries if e.text == "Action 1: Say who owns this action.")
    assert owner.anchor == "id_actions-0-owner"
    # The discussion's own errors are listed too, in the same pass.
    assert "Worry scale: " not in texts and "Choose a number on the worry scale" in " ".join(texts)
    html = _render(
        '{% include "includes/error_summary.html" with also=actions %}',
        form=DiscussionForm(data={"version": "1"}),
        actions=actions,
    )
    assert 'href="#id_actions-0-owner"' in html


def test_hidden_field_errors_say_the_form_is_out_of_date():
    class Versioned(GovukFormMixin, forms.Form):
        version = forms.IntegerField(widget=forms.HiddenInput)

    entries = error_entries(Versioned(data={"version": "x"}))
    assert [e.text for e in entries] == [
        "The form was incomplete or out of date. Reload the page and try again."
    ]


def test_unbound_forms_and_missing_ones_give_no_summary():
    assert error_entries(SessionForm(), None, "") == []
    html = _render('{% include "includes/error_summary.html" %}', form=SessionForm())
    assert "govuk-error-summary" not in html


def test_a_model_form_keeps_the_saved_object_for_headings():
    from supervision.forms import RecordEditForm
    from supervision.models import Record

    saved = Record(pk=1, held_on=datetime.date(2026, 1, 5), duration_minutes=60)
    form = RecordEditForm(
        data={"version": "1", **date_data("held_on", datetime.date(2026, 1, 6))}, instance=saved
    )
    form.is_valid()  # validation writes the typed values onto form.instance
    assert form.instance.held_on == datetime.date(2026, 1, 6)
    assert form.saved.held_on == datetime.date(2026, 1, 5)


def test_number_boxes_get_the_govuk_input_style():
    from supervision.forms import RecordForm

    html = _render("{{ form|crispy }}", form=RecordForm())
    box = re.search(r'<input[^>]*name="duration_minutes"[^>]*>', html).group(0)
    assert "govuk-input" in box and "govuk-input--width-4" in box


def test_messages_about_this_field_are_given_its_label():
    form = DiscussionForm(data={"reference": "Oak SW1A 1AA"})
    entry = next(e for e in error_entries(form) if e.anchor == "id_reference")
    assert entry.text.startswith("Case reference: This looks like a postcode.")
