"""What every supervision view uses: finding objects, refusing people and logging reads.

Reads are logged through one mechanism. The getters below (``record_or_404`` and the rest)
check the permission and note what the person is about to be shown; ``supervision_view``
hands the notes to ``services.access_log.log_reads`` once the page has been rendered (a 200
answer), which writes one entry per supervisee whose content was shown; no view writes an
entry itself. Redirects and refusals write no read: a change is logged by its service, and a
refusal shows nothing.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from elearning.core.net import client_ip as _client_ip

from .. import permissions
from ..models import AccessLogEntry, Agreement, CaseReference, Escalation, Flag, Record
from ..services.access_log import log_reads


def client_ip(request) -> str | None:
    return _client_ip(request)


def note_read(
    request,
    *,
    supervisee_id: int | None,
    what: str,
    record_id: int | None = None,
    action: str = AccessLogEntry.Action.VIEW,
) -> None:
    """Note that this request shows ``supervisee_id``'s supervision data."""
    reads = getattr(request, "supervision_reads", None)
    if reads is None:
        raise RuntimeError("Supervision views must be wrapped in supervision_view.")
    entry = reads.setdefault(supervisee_id, {"what": [], "records": set(), "action": action})
    if what not in entry["what"]:
        entry["what"].append(what)
    if record_id is not None:
        entry["records"].add(record_id)


def supervision_view(view):
    """Sign-in required, and every read the view noted is logged once it is shown."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.supervision_reads = {}
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and request.supervision_reads:
            log_reads(request.user, request.supervision_reads, ip=client_ip(request))
        return response

    wrapper.logs_reads = True
    return wrapper


# Getters: permission, then a note of what is shown -------------------------------------


def record_or_404(request, record_id: int, *, what: str = "Record") -> Record:
    """The record if the person may see it; 404 otherwise, whoever they are."""
    record = get_object_or_404(
        Record.objects.select_related("agreement", "supervisee", "supervisor"), pk=record_id
    )
    if not permissions.can_view_record(request.user, record):
        raise Http404
    note_read(request, supervisee_id=record.supervisee_id, record_id=record.pk, what=what)
    return record


def exportable_record_or_404(request, record_id: int, *, what: str) -> Record:
    """The record if the person may take a copy of it (print or PDF), noted as an export;
    404 otherwise, whoever they are, even someone who may read it on screen."""
    record = get_object_or_404(
        Record.objects.select_related("agreement", "supervisee", "supervisor"), pk=record_id
    )
    if not permissions.can_export_record(request.user, record):
        raise Http404
    note_read(
        request,
        supervisee_id=record.supervisee_id,
        record_id=record.pk,
        what=what,
        action=AccessLogEntry.Action.EXPORT,
    )
    return record


def agreement_or_404(request, agreement_id: int) -> Agreement:
    agreement = get_object_or_404(
        Agreement.objects.select_related("supervisee", "supervisor"), pk=agreement_id
    )
    if not permissions.can_view_agreement(request.user, agreement):
        raise Http404
    note_read(request, supervisee_id=agreement.supervisee_id, what=f"Agreement {agreement.pk}")
    return agreement


def case_or_404(request, case_id: int) -> CaseReference:
    case = get_object_or_404(CaseReference.objects.select_related("supervisee"), pk=case_id)
    if not permissions.can_view_case(request.user, case):
        raise Http404
    return case


def flag_or_404(request, flag_id: int) -> Flag:
    flag = get_object_or_404(
        Flag.objects.select_related("agreement", "case", "responded_by"), pk=flag_id
    )
    if not permissions.can_view_flag(request.user, flag):
        raise Http404
    note_read(request, supervisee_id=flag.supervisee_id, what=f"Flag {flag.pk}")
    return flag


def escalation_or_404(request, escalation_id: int) -> Escalation:
    escalation = get_object_or_404(
        Escalation.objects.select_related(
            "discussion__record", "discussion__case", "recipient", "raised_by"
        ),
        pk=escalation_id,
    )
    if not permissions.can_view_escalation(request.user, escalation):
        raise Http404
    record = escalation.discussion.record
    note_read(
        request,
        supervisee_id=record.supervisee_id,
        record_id=record.pk,
        what=f"Escalated case discussion {escalation.discussion_id}",
    )
    return escalation


def service_kwargs(request) -> dict:
    return {"by": request.user, "ip": client_ip(request)}
