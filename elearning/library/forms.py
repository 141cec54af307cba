from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.core.forms import DateField, GovukFormMixin

from .models import TeamUse


class TeamUseForm(GovukFormMixin, forms.ModelForm):
    """What a team agreed after discussing a 7-minute briefing."""

    date_subjects = {"date_discussed": _("the date discussed")}

    class Meta:
        model = TeamUse
        fields = ["team", "date_discussed", "attendees", "agreed_actions", "how_we_will_know"]
        field_classes = {"date_discussed": DateField}
        widgets = {
            "agreed_actions": forms.Textarea(attrs={"rows": 4}),
            "how_we_will_know": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "team": _("For example 'North locality early help team'."),
            "attendees": _("How many people took part in the discussion."),
            "agreed_actions": _("What the team will do differently as a result."),
            "how_we_will_know": _("What you will look for to tell whether the change is working."),
        }

    def clean_date_discussed(self):
        value = self.cleaned_data["date_discussed"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date discussed cannot be in the future."))
        return value
