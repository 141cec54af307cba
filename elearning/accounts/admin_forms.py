"""Wagtail's user forms with the site's own fields and rules.

Agency and job title are added; the superuser switch is taken away (superusers are only made
from the command line); the roles offered are the partnership role groups only, and nobody can
change their own. Roles and sign-in addresses are not saved by these forms: the admin views
pass them to ``services.roles_change`` and ``services.email_change_request``.
"""

from allauth.account.models import EmailAddress
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from . import roles
from .models import Agency
from .services import email_change_pending, partnership_groups
from .services.people import ALREADY_HAS_ACCOUNT, email_taken

EXTRA_FIELDS = ("agency", "job_title")

SELF_ROLES_REFUSED = _("You cannot change your own roles. Ask another partnership admin to do it.")


class _AgencyFields(forms.ModelForm):
    """Adds agency and job title, takes away the superuser switch, and offers only the
    partnership roles."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("is_superuser", None)
        self.fields["first_name"].label = _("First name")
        self.fields["last_name"].label = _("Last name")
        groups = self.fields["groups"]
        groups.queryset = partnership_groups()
        groups.label = _("Partnership roles")
        groups.help_text = _(
            "Supervisors, partnership staff, moderators and admins must set up two-factor "
            "authentication. The person is e-mailed about every change."
        )
        if self.instance.pk:
            # Groups outside the partnership roles are neither shown nor changed here.
            self.initial["groups"] = [
                g.pk for g in self.instance.groups.all() if g.name in roles.PARTNERSHIP_GROUPS
            ]

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.active(), required=True, label=_("Agency")
    )
    job_title = forms.CharField(max_length=150, required=True, label=_("Job title"))

    def _save_m2m(self):
        # Roles change only through services.roles_change, which logs and e-mails.
        groups = self.cleaned_data.pop("groups", None)
        try:
            super()._save_m2m()
        finally:
            if groups is not None:
                self.cleaned_data["groups"] = groups

    @property
    def requested_groups(self):
        """The roles asked for, or ``None`` when this form may not change roles."""
        if self.fields["groups"].disabled:
            return None
        return list(self.cleaned_data.get("groups") or [])


class AdminUserCreationForm(_AgencyFields, UserCreationForm):
    """Inviting a person. Nothing is saved by the form: the view passes what it holds to
    ``services.person_invite``, which e-mails a link where they choose their password."""

    class Meta(UserCreationForm.Meta):
        fields = (UserCreationForm.Meta.fields | set(EXTRA_FIELDS)) - {"is_superuser"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Work e-mail address")
        self.fields["email"].help_text = _(
            "We e-mail them a link to choose a password. They then sign in with this address."
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email_taken(email):
            raise forms.ValidationError(str(ALREADY_HAS_ACCOUNT) % {"email": email})
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        if not user.password:
            user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class AdminUserEditForm(_AgencyFields, UserEditForm):
    """Editing a person. A new e-mail address is not saved here: it waits for verification."""

    class Meta(UserEditForm.Meta):
        fields = (UserEditForm.Meta.fields | set(EXTRA_FIELDS)) - {"is_superuser"}

    def __init__(self, *args, **kwargs):
        self.editing_self = kwargs.get("editing_self", False)
        super().__init__(*args, **kwargs)
        self.current_email = self.instance.email
        self.requested_email: str | None = None
        # Accounts are deactivated and reactivated only through their own confirmation
        # screens (services.person_deactivate), which sign the person out and log it.
        self.fields.pop("is_active", None)
        if self.editing_self:
            groups = self.fields["groups"]
            groups.disabled = True
            groups.help_text = SELF_ROLES_REFUSED
        pending = email_change_pending(self.instance) if self.instance.pk else None
        if pending:
            self.fields["email"].help_text = _(
                "Waiting for %(email)s to be confirmed. Until then the person signs in with the "
                "address above."
            ) % {"email": pending}
        else:
            self.fields["email"].help_text = _(
                "A new address is sent a confirmation link and replaces this one only when the "
                "person confirms it while signed in. The person is told at this address and "
                "signed out everywhere."
            )

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.lower() != self.current_email.lower():
            taken = (
                EmailAddress.objects.exclude(user_id=self.instance.pk)
                .filter(email__iexact=email, verified=True)
                .exists()
            )
            if taken:
                raise forms.ValidationError(_("Another account already uses that e-mail address."))
        return email

    def clean(self):
        cleaned_data = super().clean()
        if self.editing_self and "groups" in self.data:
            # The field is not offered to people editing themselves, so this POST was made by
            # hand. Refuse it as a whole rather than quietly ignore part of it.
            asked = set(
                self.data.getlist("groups")
                if hasattr(self.data, "getlist")
                else self.data.get("groups") or []
            )
            current = {str(pk) for pk in self.initial.get("groups", [])}
            if {str(pk) for pk in asked} != current:
                raise forms.ValidationError(SELF_ROLES_REFUSED, code="own_roles")
        return cleaned_data

    def save(self, commit=True):
        user = super().save(commit=False)
        if user.email.lower() != self.current_email.lower():
            self.requested_email = user.email
        # The sign-in address stays as it is until the new one is verified.
        user.email = self.current_email
        if commit:
            user.save()
            self.save_m2m()
        return user
