"""A person's e-mail preferences: which optional training e-mails they get."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearning.core import refusals
from elearning.core.forms import GovukFormMixin

from ..notifications.catalogue import PREFERENCE_CHOICES
from ..notifications.delivery import turned_off
from ..services import CourseRefusal
from ..services.email_preferences import email_preferences_save


class EmailPreferencesForm(GovukFormMixin, forms.Form):
    wanted = forms.MultipleChoiceField(
        label=gettext_lazy("Which of these e-mails do you want?"),
        help_text=gettext_lazy("Untick any you do not want."),
        choices=PREFERENCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Choose only from the e-mails listed.")},
    )


@login_required
def email_preferences(request):
    """The signed-in person's own preferences; the URL names nobody."""
    user = request.user
    if request.method == "POST":
        form = EmailPreferencesForm(request.POST)
        if form.is_valid():
            try:
                email_preferences_save(user=user, wanted=form.cleaned_data["wanted"])
            except CourseRefusal as error:
                refusals.show(request, error)
            else:
                messages.success(request, _("Your e-mail preferences have been saved."))
                return redirect("courses:email_preferences")
    else:
        off = turned_off(user)
        form = EmailPreferencesForm(
            initial={"wanted": [key for key, _label in PREFERENCE_CHOICES if key not in off]}
        )
    return render(request, "courses/email_preferences.html", {"form": form})
