"""Responding to flags and escalating stuck cases."""

from django import forms
from django.utils.translation import gettext_lazy as _

from elearning.core.forms import DateField, GovukFormMixin, Radios

from ..models import (
    EscalationStage,
    FlagResponse,
)
from .common import user_by_email


class FlagResponseForm(GovukFormMixin, forms.Form):
    response = forms.ChoiceField(
        label=_("Your response"), choices=FlagResponse.choices, widget=Radios
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class EscalationForm(GovukFormMixin, forms.Form):
    recipient = forms.EmailField(
        label=_("E-mail address of the person you are escalating to"),
        help_text=_("They will be able to read this case discussion, and nothing else."),
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=EscalationStage.choices, widget=Radios)
    escalated_on = DateField(label=_("Date escalated"), subject=_("the date escalated"))
    reason = forms.CharField(
        label=_("Why it is escalated"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_recipient(self):
        return user_by_email(self.cleaned_data["recipient"], field_label=_("escalation"))


class EscalationOutcomeForm(GovukFormMixin, forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))
    outcome_on = DateField(label=_("Date of outcome"), subject=_("the date of the outcome"))
