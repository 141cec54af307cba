"""Helpers every supervision view uses to find objects and refuse people."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import AccessLogEntry, Record
from ..services import access_log


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def record_or_404(request, record_id: int) -> Record:
    """The record if the person may see it; 404 otherwise, whoever they are."""
    record = get_object_or_404(
        Record.objects.select_related("agreement", "supervisee", "supervisor"), pk=record_id
    )
    if not permissions.can_view_record(request.user, record):
        raise Http404
    return record


def log_view(request, record: Record, what: str) -> None:
    access_log(
        user=request.user,
        record=record,
        action=AccessLogEntry.Action.VIEW,
        what=what,
        ip=client_ip(request),
    )


def service_kwargs(request) -> dict:
    return {"by": request.user, "ip": client_ip(request)}
