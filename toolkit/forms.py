"""Forms of the toolkit. They check what a person typed; the rules are in the services."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from elearning.core.forms import DateField, GovukFormMixin, Radios
from supervision.identifiers import identifier_problem, validate_case_reference

from .blocks import Level
from .models import Finding


class AssessmentStartForm(GovukFormMixin, forms.Form):
    toolkit = forms.ModelChoiceField(
        label=_("Which toolkit"),
        queryset=None,
        widget=Radios,
        error_messages={"required": _("Choose the toolkit for your local area")},
    )
    case_reference = forms.CharField(
        label=_("Case reference"),
        max_length=40,
        validators=[validate_case_reference],
        help_text=_(
            "A pseudonym you will recognise, such as 'Family K'. Use the same one for a "
            "review. Never a name, date of birth, NHS number, address or postcode."
        ),
        error_messages={"required": _("Enter a case reference")},
    )
    assessed_on = DateField(label=_("Date of the assessment"), subject=_("the date"))

    def __init__(self, *args, toolkits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toolkit"].queryset = toolkits
        self.fields["toolkit"].label_from_instance = lambda page: (
            f"{page.title} ({page.local_area})" if page.local_area else page.title
        )


class FindingForm(GovukFormMixin, forms.ModelForm):
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=Level.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=Radios,
        help_text=_("You can leave it until you have all the evidence; it is needed to complete."),
    )

    class Meta:
        model = Finding
        fields = ["level", "evidence", "child_words", "strengths"]
        widgets = {
            "evidence": forms.Textarea(attrs={"rows": 5}),
            "child_words": forms.Textarea(attrs={"rows": 4}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
        }

    def _clean_text(self, name):
        value = self.cleaned_data.get(name, "")
        problem = identifier_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return value

    def clean_evidence(self):
        return self._clean_text("evidence")

    def clean_child_words(self):
        return self._clean_text("child_words")

    def clean_strengths(self):
        return self._clean_text("strengths")


class AttachForm(GovukFormMixin, forms.Form):
    discussion = forms.ModelChoiceField(
        label=_("Which supervision discussion"),
        queryset=None,
        widget=Radios,
        error_messages={"required": _("Choose a discussion")},
    )

    def __init__(self, *args, discussions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discussion"].queryset = discussions
        self.fields["discussion"].label_from_instance = lambda d: (
            _("%(case)s, supervision on %(date)s")
            % {"case": d.case.reference, "date": date_format(d.record.held_on, "j F Y")}
        )
