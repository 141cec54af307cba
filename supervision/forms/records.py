"""Starting, editing, signing and adding to records."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.core.forms import DateField, GovukFormMixin, Radios

from ..models import (
    Function,
    Record,
    RecordType,
)
from .common import VersionedForm


class RecordForm(GovukFormMixin, forms.ModelForm):
    date_subjects = {"held_on": _("the date held")}
    functions = forms.MultipleChoiceField(
        label=_("Functions covered"),
        choices=Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Record
        fields = ["held_on", "duration_minutes", "kind", "attendees", "functions"]
        field_classes = {"held_on": DateField}
        widgets = {"kind": Radios}
        help_texts = {"held_on": _("The day you met, not the day you typed it up.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = RecordType.choices
        if not self.instance.pk:
            self.initial.setdefault("held_on", timezone.localdate())
            self.initial.setdefault("duration_minutes", 60)

    def clean_held_on(self):
        # The services refuse these too; checked here so that they are shown with every
        # other problem on the page at once, not after the rest has been put right.
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The date held cannot be in the future."))
        agreement = self.instance.agreement if self.instance.agreement_id else None
        if agreement is not None and not agreement.active_on(held_on):
            raise forms.ValidationError(_("The agreement was not active on the date held."))
        return held_on


class RecordEditForm(RecordForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta(RecordForm.Meta):
        fields = [*RecordForm.Meta.fields, "wellbeing", "support_needs"]


class SignForm(VersionedForm):
    disagreement = forms.CharField(
        label=_("Anything you disagree with (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with your signature and seen by your supervisor."),
    )


class AddendumForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Addendum"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A dated correction or addition. The signed record itself does not change."),
    )
