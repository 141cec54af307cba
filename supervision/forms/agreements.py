"""Proposing, answering and sharing under agreements."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import User
from elearning.core.forms import DateField, GovukFormMixin, Radios

from ..models import (
    Agreement,
)
from ..services.agreements import backdate_allowance
from .common import user_by_email


class AgreementForm(GovukFormMixin, forms.ModelForm):
    """The terms of a proposed agreement. The services decide who may propose what."""

    date_subjects = {"starts_on": _("the start date"), "ends_on": _("the end date")}

    supervisee_email = forms.EmailField(label=_("Supervisee's e-mail address"), max_length=254)
    supervisor_email = forms.EmailField(
        label=_("Supervisor's e-mail address"),
        max_length=254,
        help_text=_("They must have the supervisor role."),
    )

    class Meta:
        model = Agreement
        fields = ["starts_on", "ends_on", "frequency_days", "confidentiality", "disagreement"]
        field_classes = {"starts_on": DateField, "ends_on": DateField}
        help_texts = {
            "starts_on": _(
                "It starts only once the supervisee accepts it, and cannot start more than a "
                "few days before today."
            )
        }

    def __init__(self, *args, fixed_supervisor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_supervisor = fixed_supervisor
        frequency = self.fields["frequency_days"]
        frequency.min_value, frequency.max_value = 7, 183
        frequency.widget.attrs.update(min=7, max=183)
        if self.instance.pk:
            # The parties of an agreement never change; propose a new one instead.
            del self.fields["supervisee_email"]
            del self.fields["supervisor_email"]
        elif fixed_supervisor is not None:
            del self.fields["supervisor_email"]
        self.order_fields(["supervisee_email", "supervisor_email"])

    def clean_supervisee_email(self):
        return user_by_email(self.cleaned_data["supervisee_email"], field_label=_("supervisee"))

    def clean_supervisor_email(self):
        return user_by_email(self.cleaned_data["supervisor_email"], field_label=_("supervisor"))

    def clean(self):
        cleaned = super().clean()
        # The services refuse these dates too; checked here as well so that they are listed
        # with every other problem of the form at once.
        today = timezone.localdate()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        earliest = today - backdate_allowance()
        if starts_on and starts_on < earliest:
            self.add_error(
                "starts_on",
                _(
                    "An agreement cannot start more than %(days)s days before it is proposed. "
                    "Choose a start date on or after %(date)s."
                )
                % {"days": backdate_allowance().days, "date": date_format(earliest, "j F Y")},
            )
        elif starts_on and starts_on > today + datetime.timedelta(days=366):
            self.add_error(
                "starts_on", _("An agreement must start within a year of being proposed.")
            )
        if ends_on and starts_on and ends_on < starts_on:
            self.add_error("ends_on", _("The agreement cannot end before it starts."))
        elif ends_on and ends_on < today:
            self.add_error("ends_on", _("The end date has already passed."))
        return cleaned

    def terms(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def parties(self) -> dict:
        return {
            "supervisee": self.cleaned_data["supervisee_email"],
            "supervisor": self.fixed_supervisor or self.cleaned_data["supervisor_email"],
        }


class AgreementAnswerForm(GovukFormMixin, forms.Form):
    """The supervisee's answer to a proposal, tied to the version of the terms they read."""

    terms_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    answer = forms.ChoiceField(
        label=_("Do you accept this agreement?"),
        choices=[("accept", _("Yes, I accept it")), ("decline", _("No, I decline it"))],
        widget=Radios,
        error_messages={"required": _("Choose whether you accept or decline the agreement.")},
    )
    reason = forms.CharField(
        label=_("Why are you declining? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The supervisor and the person who proposed it will be told you declined."),
    )


class ShareForm(GovukFormMixin, forms.Form):
    shared_with = forms.ModelChoiceField(
        label=_("Share with"),
        queryset=User.objects.none(),
        empty_label=None,
        widget=Radios,
        error_messages={"required": _("Choose who to share the record with.")},
    )

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = recipients
