"""The supervisee shares a signed record with a new supervisor, and stops sharing it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, services
from ..forms import (
    ShareForm,
)
from ..models import (
    RecordShare,
)
from .common import record_or_404, service_kwargs, supervision_view
from .editing import refuse


@supervision_view
@require_POST
def record_share(request, record_id):
    """The supervisee shares one signed record with another current supervisor."""
    record = record_or_404(request, record_id)
    if not permissions.can_share_record(request.user, record):
        raise Http404
    form = ShareForm(request.POST, recipients=permissions.share_recipients(request.user, record))
    if not form.is_valid():
        messages.error(request, _("Choose one of your current supervisors to share it with."))
        return redirect(record)
    try:
        services.record_share(
            record=record, with_user=form.cleaned_data["shared_with"], **service_kwargs(request)
        )
    except services.SupervisionError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Record shared. You can stop sharing it at any time."))
    return redirect(record)


@supervision_view
@require_POST
def record_share_revoke(request, record_id, share_id):
    record = record_or_404(request, record_id)
    share = get_object_or_404(RecordShare, pk=share_id, record=record)
    if record.supervisee_id != request.user.pk:
        raise Http404
    try:
        services.record_share_revoke(share=share, **service_kwargs(request))
    except services.SupervisionError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The record is no longer shared."))
    return redirect(record)
