"""A supervisee exports their own reflective entries as CPD evidence, after signing in again.

Only entries from signed and locked records are exported; wellbeing and case discussions
never are."""

from allauth.account.decorators import reauthentication_required
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core.exports import csv_response, pdf_response

from ..models import AccessLogEntry, RecordStatus, ReflectiveEntry
from .common import note_read, supervision_view

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
    from weasyprint import HTML  # noqa: PLC0415 (heavy import, only needed here)

    html = render_to_string(
        "supervision/cpd_pdf.html",
        {"rows": rows, "person": user, "today": timezone.localdate()},
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    return pdf_response(f"cpd-reflections-{stamp}.pdf", pdf)
