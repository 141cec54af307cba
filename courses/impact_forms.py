"""Forms of the impact follow-up: the learner's answer and their line manager's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from elearning.core.forms import GovukFormMixin, Radios, ScaleField

from .services.impact import MAX_ANSWER

NO_NAMES = _(
    "Do not include names or any details that could identify a child or family, such as ages, "
    "schools or addresses."
)
TOO_LONG = _("Keep it to %(limit_value)s characters or fewer.")


def _text(label, help_text, required_message) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": required_message, "max_length": TOO_LONG},
    )


class FollowUpForm(GovukFormMixin, forms.Form):
    practice_change = _text(
        _("What do you now do differently in your practice because of this course?"),
        _("One or two sentences."),
        _("Say what you now do differently."),
    )
    example = _text(
        _("Give an example from your practice"),
        NO_NAMES,
        _("Give an example from your practice."),
    )
    confidence_now = ScaleField(
        label=_("How confident are you now in recognising and responding to neglect?"),
        low=1,
        high=5,
        low_label=_("not at all confident"),
        high_label=_("very confident"),
        error_messages={
            "required": _("Choose how confident you feel now, from 1 to 5."),
            "invalid_choice": _("Choose how confident you feel now, from 1 to 5."),
        },
    )


class ManagerAnswerForm(GovukFormMixin, forms.Form):
    manager_confirms = forms.TypedChoiceField(
        label=_("Have you seen this change in their practice?"),
        choices=[("yes", _("Yes, I confirm it")), ("no", _("No, or not yet"))],
        coerce=lambda value: value == "yes",
        widget=Radios(inline=True),
        error_messages={
            "required": _("Choose whether you have seen this change."),
            "invalid_choice": _("Choose whether you have seen this change."),
        },
    )
    manager_comment = forms.CharField(
        label=_("Comment (optional if you confirm it)"),
        help_text=NO_NAMES,
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("manager_confirms") is False and not cleaned.get("manager_comment"):
            self.add_error(
                "manager_comment", _("Say what you have seen, or why you cannot confirm it.")
            )
        return cleaned
