from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from elearning.core.exports import csv_response, download_refused

from .filters import ReportFilterForm
from .permissions import can_view_reports, can_view_section
from .sections import all_sections, get_section
from .suppression import HIDDEN_TEXT, is_hidden


def _refuse_unless_allowed(user):
    if not can_view_reports(user):
        raise Http404


@login_required
def index(request):
    """All report sections the person may see, for the chosen date range, agency or sector.

    Filters that cannot be used are named in the error summary; the figures shown are then
    the default ones (the last 12 months, the whole partnership), and the page says so.
    """
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
    """One table of one section as CSV, with the same filters and suppression as the page.

    Filters that cannot be used are refused with the reasons (400): a file of default figures
    would look like the figures asked for.
    """
    _refuse_unless_allowed(request.user)
    section = get_section(slug)
    if section is None or not can_view_section(request.user, section):
        raise Http404
    form = ReportFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return download_refused(
            request,
            form=form,
            title=_("The figures could not be downloaded"),
            back_url=reverse("reports:index"),
            back_text=_("Back to the partnership reports"),
        )
    filters = form.filters()
    result = section.compute(filters, request.user)
    table = next((t for t in result.tables if t.id == table_id), None)
    if table is None:
        raise Http404
    header = [str(heading) for _key, heading in table.columns]
    rows = [
        [HIDDEN_TEXT if is_hidden(row, key) else row.get(key) for key, _heading in table.columns]
        for row in table.rows
    ]
    filename = f"{slugify(section.slug)}-{table.id}-{filters.start}-{filters.end}.csv"
    return csv_response(filename, header, rows)
