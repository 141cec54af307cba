"""Copies that leave the site: a supervisee's CPD evidence, and one record printed or as a PDF.

CPD evidence: a supervisee exports their own reflective entries, after signing in again. Only
entries from signed and locked records are exported; wellbeing and case discussions never are.

One record: its two parties (``permissions.can_export_record``) print it or download it as a
PDF; each copy is an export in the access log. Wellbeing and support needs stay on screen:
they are "never reported or exported". No fresh sign-in is asked for: the copy holds what the
person may already read on the record's page, and the supervision page guard has already
asked them to confirm it is them after an idle spell."""

from allauth.account.decorators import reauthentication_required
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core.exports import csv_response, pdf_response
from elearning.core.pdf_cache import personal_pdf

from .. import selectors
from ..models import AccessLogEntry, RecordStatus, ReflectiveEntry
from .common import exportable_record_or_404, note_read, supervision_view

CPD_COLUMNS = [
    ("activity_type", _("Activity type")),
    ("description", _("Description")),
    ("date", _("Date")),
    ("learnt", _("What I learnt")),
    ("impact", _("Impact on my practice")),
    ("peer_reflection", _("Peer reflection")),
]


def cpd_rows(user) -> list[dict]:
    entries = (
        ReflectiveEntry.objects.filter(record__supervisee=user, record__status=RecordStatus.LOCKED)
        .select_related("record")
        .order_by("record__held_on", "pk")
    )
    rows = []
    for entry in entries:
        record = entry.record
        rows.append(
            {
                "record_id": record.pk,
                "activity_type": _("Reflective supervision (%(kind)s)")
                % {"kind": record.get_kind_display().lower()},
                "description": f"{entry.get_theme_display()}: {entry.what_happened}",
                "date": record.held_on,
                "learnt": "\n\n".join(t for t in (entry.thoughts_feelings, entry.analysis) if t),
                "impact": entry.next_steps,
                "peer_reflection": entry.peer_reflection,
            }
        )
    return rows


@login_required
def cpd_export_page(request):
    return render(request, "supervision/cpd_export.html", {"count": len(cpd_rows(request.user))})


@supervision_view
@reauthentication_required
def cpd_export(request, fmt):
    """POST only (after reauthentication): the file itself."""
    if fmt not in ("csv", "pdf"):
        raise Http404
    user = request.user
    rows = cpd_rows(user)
    for record_id in sorted({row["record_id"] for row in rows}):
        note_read(
            request,
            supervisee_id=user.pk,
            record_id=record_id,
            what=f"CPD export ({fmt.upper()})",
            action=AccessLogEntry.Action.EXPORT,
        )
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        return csv_response(
            f"cpd-reflections-{stamp}.csv",
            [str(heading) for _, heading in CPD_COLUMNS],
            [[row[key] for key, _ in CPD_COLUMNS] for row in rows],
        )
    html = render_to_string(
        "supervision/cpd_pdf.html",
        {"rows": rows, "person": user, "today": timezone.localdate()},
        request=request,
    )
    pdf = personal_pdf(
        request, kind="cpd", html=html, title=_("CPD evidence: reflections from supervision")
    )
    if isinstance(pdf, HttpResponse):
        return pdf
    return pdf_response(f"cpd-reflections-{stamp}.pdf", pdf)


def _record_document(record) -> dict:
    return {"record": record, **selectors.record_contents(record), "today": timezone.localdate()}


@supervision_view
def record_print(request, record_id):
    """The record laid out for printing, without buttons or forms."""
    record = exportable_record_or_404(request, record_id, what="Record (printable version)")
    return render(request, "supervision/record_print.html", _record_document(record))


@supervision_view
def record_pdf(request, record_id):
    """The record as a PDF download, rendered by WeasyPrint through ``core.pdf``."""
    record = exportable_record_or_404(request, record_id, what="Record (PDF)")
    html = render_to_string(
        "supervision/record_pdf.html", _record_document(record), request=request
    )
    # Tagged (PDF/UA), so a screen reader reads it as well as the page it came from.
    pdf = personal_pdf(request, kind="supervision_record", html=html, title=str(record))
    if isinstance(pdf, HttpResponse):
        return pdf
    return pdf_response(f"supervision-record-{record.held_on.isoformat()}.pdf", pdf)
