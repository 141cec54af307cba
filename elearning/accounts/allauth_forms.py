"""allauth forms the site changes. Kept apart from ``forms.py``, which allauth imports while
building its own forms (ACCOUNT_SIGNUP_FORM_CLASS), so importing allauth's forms there would
be circular."""

from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _


class ResetPasswordForm(AllauthResetPasswordForm):
    """Reset links go only to an address the person signs in with or has verified.

    allauth also matches addresses still waiting for verification; one of those may have been
    typed by somebody else (an admin changing a person's address), and a reset link sent there
    would hand them the account before the person agreed to the change.
    """

    def clean_email(self) -> str:
        email = super().clean_email()
        wanted = email.lower()
        verified = set(
            EmailAddress.objects.filter(
                user__in=self.users, email__iexact=wanted, verified=True
            ).values_list("user_id", flat=True)
        )
        self.users = [u for u in self.users if u.email.lower() == wanted or u.pk in verified]
        return email


class ResetPasswordKeyForm(AllauthResetPasswordKeyForm):
    """Choosing a password from a reset link, which is also how invited people get in: for
    someone with no confirmed address yet, the link proves the address is theirs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("New password")
        self.fields["password2"].label = _("New password again")

    def save(self) -> None:
        from .services import invitation_accept  # noqa: PLC0415 (services import allauth forms)

        super().save()
        invitation_accept(user=self.user)
