from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .roles import role_labels
from .services import profile_update


@login_required
def profile(request):
    """A person's own profile: name, agency and job title. Nobody edits anyone else's here."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            profile_update(user=user, **form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
        # A failed ModelForm validation has already copied values onto the instance; reload
        # it so nothing half-typed is shown as if it were saved.
        user.refresh_from_db()
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "roles": role_labels(user)},
    )
