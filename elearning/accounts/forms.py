from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Agency, Sector, User
from .selectors import open_link_for


class AgencyChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Agency.objects.active(),
            empty_label=_("Choose your agency"),
            **kwargs,
        )

    def label_from_instance(self, obj):
        # One label translated per agency: get_sector_display() translates every sector's.
        sector = dict(Sector.choices).get(obj.sector, obj.sector)
        return f"{obj.name} ({sector})"


class SignupDetailsForm(forms.Form):
    """Extra details asked for at sign-up, beside allauth's e-mail and password fields."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    agency = AgencyChoiceField(
        label=_("Agency"),
        help_text=_("The organisation you work for. Ask your partnership if it is not listed."),
    )
    job_title = forms.CharField(label=_("Job title"), max_length=150)

    field_order = ["first_name", "last_name", "email", "agency", "job_title"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.agency = self.cleaned_data["agency"]
        user.job_title = self.cleaned_data["job_title"]
        user.save()


class ProfileForm(forms.ModelForm):
    agency = AgencyChoiceField(label=_("Agency"))
    # An e-mail address rather than a list of everyone: a partnership has thousands of people.
    manager = forms.EmailField(
        required=False,
        label=_("Your line manager's work e-mail address (optional)"),
        help_text=_(
            "We will ask them to confirm that they manage you. Once they do, they approve "
            "training bookings where a course asks for it and see your training on their team "
            "page. Leave it empty if you do not want one recorded."
        ),
    )

    class Meta:
        model = User
        # Job title stays last so keyboard users tab straight from it to the save button.
        fields = ["first_name", "last_name", "agency", "job_title"]
        labels = {"first_name": _("First name"), "last_name": _("Last name")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "job_title"):
            self.fields[name].required = True
        self.order_fields(["first_name", "last_name", "agency", "manager", "job_title"])
        if not self.is_bound:
            link = open_link_for(self.instance)
            if link is not None:
                self.initial["manager"] = link.manager.email

    def clean_manager(self) -> User | None:
        email = self.cleaned_data["manager"]
        if not email:
            return None
        manager = User.objects.filter(email__iexact=email, is_active=True).first()
        if manager is None:
            raise forms.ValidationError(
                _(
                    "There is no account with that e-mail address. Check it, or ask your manager "
                    "to create an account first."
                )
            )
        if manager.pk == self.instance.pk:
            raise forms.ValidationError(_("You cannot be your own line manager."))
        return manager
