"""Forms for supervision. They validate input only; the services decide what is allowed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import User

from .identifiers import identifier_problem, looks_like_a_name
from .models import (
    DISCUSSION_FIELDS,
    ActionStatus,
    Agreement,
    CaseDiscussion,
    EscalationStage,
    FlagResponse,
    Function,
    Record,
    RecordType,
    ReflectiveEntry,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _user_by_email(email: str, *, field_label: str) -> User:
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise forms.ValidationError(
            _("There is no account with that e-mail address for the %(who)s.")
            % {"who": field_label}
        )
    return user


class VersionedForm(forms.Form):
    """Carries the record version the person started editing from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AgreementForm(forms.ModelForm):
    """The terms of a proposed agreement. The services decide who may propose what."""

    supervisee_email = forms.EmailField(label=_("Supervisee's e-mail address"), max_length=254)
    supervisor_email = forms.EmailField(
        label=_("Supervisor's e-mail address"),
        max_length=254,
        help_text=_("They must have the supervisor role."),
    )

    class Meta:
        model = Agreement
        fields = ["starts_on", "ends_on", "frequency_days", "confidentiality", "disagreement"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
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
        return _user_by_email(self.cleaned_data["supervisee_email"], field_label=_("supervisee"))

    def clean_supervisor_email(self):
        return _user_by_email(self.cleaned_data["supervisor_email"], field_label=_("supervisor"))

    def terms(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def parties(self) -> dict:
        return {
            "supervisee": self.cleaned_data["supervisee_email"],
            "supervisor": self.fixed_supervisor or self.cleaned_data["supervisor_email"],
        }


class AgreementAnswerForm(forms.Form):
    """The supervisee's answer to a proposal, tied to the version of the terms they read."""

    terms_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    answer = forms.ChoiceField(
        label=_("Do you accept this agreement?"),
        choices=[("accept", _("Yes, I accept it")), ("decline", _("No, I decline it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you accept or decline the agreement.")},
    )
    reason = forms.CharField(
        label=_("Why are you declining? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The supervisor and the person who proposed it will be told you declined."),
    )


class ShareForm(forms.Form):
    shared_with = forms.ModelChoiceField(
        label=_("Share with"),
        queryset=User.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who to share the record with.")},
    )

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = recipients


class RecordForm(forms.ModelForm):
    functions = forms.MultipleChoiceField(
        label=_("Functions covered"),
        choices=Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Record
        fields = ["held_on", "duration_minutes", "kind", "attendees", "functions"]
        widgets = {"held_on": DATE, "kind": forms.RadioSelect}
        help_texts = {"held_on": _("The day you met, not the day you typed it up.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = RecordType.choices
        if not self.instance.pk:
            self.initial.setdefault("held_on", timezone.localdate())
            self.initial.setdefault("duration_minutes", 60)


class RecordEditForm(RecordForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta(RecordForm.Meta):
        fields = [*RecordForm.Meta.fields, "wellbeing", "support_needs"]


class DiscussionForm(forms.ModelForm):
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

    class Meta:
        model = CaseDiscussion
        fields = list(DISCUSSION_FIELDS)
        widgets = {
            "chronology_reviewed_on": DATE,
            "change_check": forms.RadioSelect,
            "worry_scale": forms.NumberInput(attrs={"min": 0, "max": 10}),
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
            self.add_error("chronology_reviewed_on", _("This date cannot be in the future."))
        return cleaned

    def discussion_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300, required=False)
    owner = forms.CharField(label=_("Owner"), max_length=120, required=False)
    due_on = forms.DateField(label=_("Due by"), required=False, widget=DATE)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("description") and not cleaned.get("owner"):
            self.add_error("owner", _("Say who owns this action."))
        if (cleaned.get("owner") or cleaned.get("due_on")) and not cleaned.get("description"):
            self.add_error("description", _("Describe the action."))
        return cleaned


NewActionFormSet = forms.formset_factory(NewActionForm, extra=2, max_num=10, absolute_max=10)


class ActionsReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = list(actions)
        for action in self.actions:
            self.fields[f"status_{action.pk}"] = forms.ChoiceField(
                label=_("Status"),
                choices=ActionStatus.choices,
                initial=action.status,
                widget=forms.RadioSelect,
            )
            self.fields[f"barriers_{action.pk}"] = forms.CharField(
                label=_("Barriers"),
                required=False,
                initial=action.barriers,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

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
    pass


class ReflectionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = ReflectiveEntry
        fields = [
            "theme",
            "prompt",
            "what_happened",
            "thoughts_feelings",
            "analysis",
            "next_steps",
            "peer_reflection",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "what_happened",
                "thoughts_feelings",
                "analysis",
                "next_steps",
                "peer_reflection",
            )
        }

    def __init__(self, *args, is_supervisor=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["version"])
        if not is_supervisor:
            # The supervisee writes the reflection; the supervisor adds their own response.
            del self.fields["peer_reflection"]
        else:
            for name in (
                "theme",
                "prompt",
                "what_happened",
                "thoughts_feelings",
                "analysis",
                "next_steps",
            ):
                self.fields[name].disabled = True


class SignForm(VersionedForm):
    disagreement = forms.CharField(
        label=_("Anything you disagree with (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with your signature and seen by your supervisor."),
    )


class AddendumForm(forms.Form):
    text = forms.CharField(
        label=_("Addendum"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A dated correction or addition. The signed record itself does not change."),
    )


class FlagResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your response"), choices=FlagResponse.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class EscalationForm(forms.Form):
    recipient = forms.EmailField(
        label=_("E-mail address of the person you are escalating to"),
        help_text=_("They will be able to read this case discussion, and nothing else."),
    )
    stage = forms.ChoiceField(
        label=_("Stage"), choices=EscalationStage.choices, widget=forms.RadioSelect
    )
    escalated_on = forms.DateField(label=_("Date escalated"), widget=DATE)
    reason = forms.CharField(
        label=_("Why it is escalated"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_recipient(self):
        return _user_by_email(self.cleaned_data["recipient"], field_label=_("escalation"))


class EscalationOutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))
    outcome_on = forms.DateField(label=_("Date of outcome"), widget=DATE)
