from django import forms
from django.utils.translation import gettext_lazy as _

from elearning.core.forms import GovukFormMixin, Radios

from .constants import CONFIDENCE_CHOICES

USEFUL_CHOICES = [
    (1, _("1 – not useful")),
    (2, _("2")),
    (3, _("3")),
    (4, _("4")),
    (5, _("5 – very useful")),
]


class EnrolForm(GovukFormMixin, forms.Form):
    confidence_before = forms.TypedChoiceField(
        label=_("How confident are you now in recognising and responding to neglect?"),
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        widget=Radios(inline=True),
        error_messages={"required": _("Choose how confident you feel, from 1 to 5.")},
    )


class EvaluationForm(GovukFormMixin, forms.Form):
    confidence_after = forms.TypedChoiceField(
        label=_("How confident are you now in recognising and responding to neglect?"),
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        widget=Radios(inline=True),
        error_messages={"required": _("Choose how confident you feel, from 1 to 5.")},
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful was this course for your work?"),
        choices=USEFUL_CHOICES,
        coerce=int,
        widget=Radios(inline=True),
        error_messages={"required": _("Choose how useful the course was, from 1 to 5.")},
    )
    practice_change = forms.CharField(
        label=_("What will you do differently in your practice?"),
        help_text=_(
            "One or two sentences. Do not include names or details of children or families."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what you will do differently.")},
    )


class VerifyForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        help_text=_("The code printed on the certificate, for example ABCDE-23456."),
        max_length=40,
        error_messages={
            "required": _("Enter the verification code."),
            "max_length": _(
                "That is too long for a verification code. Enter the 10 letters and numbers "
                "printed on the certificate, for example ABCDE-23456."
            ),
        },
    )

    def clean_code(self):
        from .services import CourseRefusal, certificate_code_normalise

        try:
            return certificate_code_normalise(self.cleaned_data["code"])
        except CourseRefusal as refusal:
            raise forms.ValidationError(refusal.messages) from refusal
