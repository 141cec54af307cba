"""Case discussions and their actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.core.forms import DateField, GovukFormMixin, Radios, ScaleField

from ..identifiers import identifier_problem, looks_like_a_name
from ..models import (
    DISCUSSION_FIELDS,
    ActionStatus,
    CaseDiscussion,
)
from .common import VersionedForm


class DiscussionForm(GovukFormMixin, forms.ModelForm):
    date_subjects = {"chronology_reviewed_on": _("the date the chronology was last reviewed")}
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reference = forms.CharField(
        label=_("Case reference"),
        max_length=40,
        help_text=_(
            "A pseudonym you will recognise, such as 'Family K' or 'Oak-17'. Never a name, "
            "date of birth, NHS number, address or postcode."
        ),
    )
    confirm_reference = forms.BooleanField(
        label=_("I confirm this reference is a pseudonym, not a real name"), required=False
    )
    worry_scale = ScaleField(
        label=_("Worry scale"),
        help_text=CaseDiscussion._meta.get_field("worry_scale").help_text,
        low_label=_("safe enough to close"),
        high_label=_("in danger"),
        error_messages={"required": _("Choose a number on the worry scale, from 0 to 10.")},
    )

    class Meta:
        model = CaseDiscussion
        fields = list(DISCUSSION_FIELDS)
        field_classes = {"chronology_reviewed_on": DateField}
        widgets = {"change_check": Radios}
        error_messages = {
            "change_check": {
                "required": _("Choose yes, partly, no or unclear for the change check.")
            }
        }
        for name in (
            "current_position",
            "worries",
            "working_well",
            "needs_to_happen",
            "change_evidence",
            "decisions",
        ):
            widgets[name] = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["version", "reference", "confirm_reference"])
        if self.instance.pk:
            self.initial.setdefault("reference", self.instance.case.reference)
        self.needs_confirmation = False

    def clean_reference(self):
        reference = " ".join(self.cleaned_data["reference"].split())
        problem = identifier_problem(reference)
        if problem:
            raise forms.ValidationError(problem)
        return reference

    def clean(self):
        cleaned = super().clean()
        reference = cleaned.get("reference")
        known = self.instance.pk and self.instance.case.reference == reference
        if (
            reference
            and looks_like_a_name(reference)
            and not known
            and not cleaned.get("confirm_reference")
        ):
            self.needs_confirmation = True
            self.add_error(
                "reference",
                _(
                    "This looks like a person's name. If it is a pseudonym, tick the box to "
                    "confirm; if it is a real name, change it."
                ),
            )
        chronology = cleaned.get("chronology_reviewed_on")
        if chronology and chronology > timezone.localdate():
            self.add_error(
                "chronology_reviewed_on",
                _("The date the chronology was last reviewed cannot be in the future."),
            )
        return cleaned

    def discussion_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewActionForm(GovukFormMixin, forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300, required=False)
    owner = forms.CharField(label=_("Owner"), max_length=120, required=False)
    due_on = DateField(label=_("Due by"), required=False, subject=_("the due date"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("description") and not cleaned.get("owner"):
            self.add_error("owner", _("Say who owns this action."))
        typed = cleaned.get("owner") or cleaned.get("due_on") or "due_on" in self.errors
        if typed and not cleaned.get("description"):
            self.add_error("description", _("Describe the action."))
        return cleaned


NewActionFormSet = forms.formset_factory(NewActionForm, extra=2, max_num=10, absolute_max=10)
# How the error summary names each sub-form ("Action 2: Say who owns this action.").
NewActionFormSet.entry_label = _("Action")


class ActionsReviewForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = list(actions)
        for action in self.actions:
            self.fields[f"status_{action.pk}"] = forms.ChoiceField(
                label=_("Status"),
                choices=ActionStatus.choices,
                initial=action.status,
                widget=Radios,
            )
            self.fields[f"barriers_{action.pk}"] = forms.CharField(
                label=_("Barriers"),
                required=False,
                initial=action.barriers,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            # Every action has a "Status": the error summary says which action's it is.
            for name, label in (("status", _("status")), ("barriers", _("barriers"))):
                self.fields[f"{name}_{action.pk}"].summary_label = f"{action.description}, {label}"

    def rows(self):
        return [
            (action, self[f"status_{action.pk}"], self[f"barriers_{action.pk}"])
            for action in self.actions
        ]

    def updates(self) -> dict[int, dict]:
        return {
            action.pk: {
                "status": self.cleaned_data[f"status_{action.pk}"],
                "barriers": self.cleaned_data[f"barriers_{action.pk}"],
            }
            for action in self.actions
        }


class GeneralActionForm(VersionedForm, NewActionForm):
    def clean(self):
        cleaned = super().clean()
        # Added on its own, an action must say what it is (in a discussion, blank rows of the
        # formset are simply left out).
        if not cleaned.get("description") and "description" not in self.errors:
            self.add_error("description", _("Describe the action."))
        return cleaned
