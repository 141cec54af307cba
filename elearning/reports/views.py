from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.text import slugify

from .csv_export import csv_response
from .filters import ReportFilterForm
from .permissions import can_view_reports, can_view_section
from .sections import all_sections, get_section
from .suppression import HIDDEN_TEXT, is_hidden


def _refuse_unless_allowed(user):
    if not can_view_reports(user):
        raise Http404


@login_required
def index(request):
    """All report sections the person may see, for the chosen date range, agency or sector."""
    _refuse_unless_allowed(request.user)
    form = ReportFilterForm(request.GET or None)
    filters = form.filters()
    sections = [
        (section, section.compute(filters, request.user))
        for section in all_sections()
        if can_view_section(request.user, section)
    ]
    return render(
        request,
        "reports/index.html",
        {"form": form, "filters": filters, "sections": sections},
    )


@login_required
def section_csv(request, slug: str, table_id: str):
    """One table of one section as CSV, with the same filters and suppression as the page."""
    _refuse_unless_allowed(request.user)
    section = get_section(slug)
    if section is None or not can_view_section(request.user, section):
        raise Http404
    filters = ReportFilterForm(request.GET or None).filters()
    result = section.compute(filters, request.user)
    table = next((t for t in result.tables if t.id == table_id), None)
    if table is None:
        raise Http404
    header = [str(heading) for _, heading in table.columns]
    rows = [
        [HIDDEN_TEXT if is_hidden(row, key) else row.get(key) for key, _ in table.columns]
        for row in table.rows
    ]
    filename = f"{slugify(section.slug)}-{table.id}-{filters.start}-{filters.end}.csv"
    return csv_response(filename, header, rows)
