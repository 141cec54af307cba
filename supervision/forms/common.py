"""What the supervision forms share: finding a person by e-mail, the record version."""

from django import forms
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import User
from elearning.core.forms import GovukFormMixin


def user_by_email(email: str, *, field_label: str) -> User:
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise forms.ValidationError(
            _("There is no account with that e-mail address for the %(who)s.")
            % {"who": field_label}
        )
    return user


class VersionedForm(GovukFormMixin, forms.Form):
    """Carries the record version the person started editing from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
