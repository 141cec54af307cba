"""How the record pages refuse and retry: refusals as messages, stale versions kept in the
form, and one-button changes that carry the record version."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .. import permissions, services
from .common import service_kwargs


def refuse(request, error: services.SupervisionError):
    messages.error(request, str(error))


def attempt_change(request, form, save):
    """Run ``save`` and return True, or put the refusal on ``form`` and return False. A stale
    version leaves the person's text in the form and shows the saved version beside it."""
    try:
        save()
    except services.StaleRecord as error:
        form.add_error(None, str(error))
        form.current = error.current
        data = form.data.copy()
        data["version"] = error.current.version
        form.data = data
        return False
    except services.SupervisionError as error:
        form.add_error(None, str(error))
        return False
    return True


def draft_or_detail(request, record):
    """Refuse edits to a record that is not a draft, pointing at the record itself."""
    if permissions.can_edit_record(request.user, record):
        return None
    if record.is_locked:
        messages.error(request, _("This record is signed and locked. Add a dated addendum."))
    else:
        messages.error(
            request, _("This record has been sent for signature. Return it to draft to change it.")
        )
    return redirect(record)


def versioned_post(request, record, change, success: str):
    """Run a one-button change that carries the record version, then go back to the record."""
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, _("The form was incomplete. Try again."))
        return redirect(record)
    try:
        change(record=record, version=version, **service_kwargs(request))
    except services.SupervisionError as error:
        refuse(request, error)
    else:
        messages.success(request, success)
    return redirect(record)
