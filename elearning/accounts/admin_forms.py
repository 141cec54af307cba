"""Wagtail's user forms with the site's own fields: agency and job title."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import Agency

EXTRA_FIELDS = ("agency", "job_title")


class _AgencyFields(forms.ModelForm):
    """Adds agency and job title, and takes away the superuser switch: partnership admins
    manage roles through groups, and superusers are only made from the command line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("is_superuser", None)

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.active(), required=True, label=_("Agency")
    )
    job_title = forms.CharField(max_length=150, required=True, label=_("Job title"))


class AdminUserCreationForm(_AgencyFields, UserCreationForm):
    """New people get no password here: they choose one through the reset e-mail."""

    class Meta(UserCreationForm.Meta):
        fields = (UserCreationForm.Meta.fields | set(EXTRA_FIELDS)) - {"is_superuser"}

    def save(self, commit=True):
        user = super().save(commit=False)
        if not user.password:
            user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class AdminUserEditForm(_AgencyFields, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = (UserEditForm.Meta.fields | set(EXTRA_FIELDS)) - {"is_superuser"}
