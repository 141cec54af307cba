from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from elearning.core.exports import csv_response, download_refused

from .disclosure import csv_value, method_note
from .filters import ReportFilterForm
from .permissions import can_view_reports
from .store import max_age_seconds, page_for, report_for


def _refuse_unless_allowed(user):
    if not can_view_reports(user):
        raise Http404


@login_required
@never_cache
def index(request):
    """All report sections the person may see, for the chosen dates, agency or sector (and,
    as a drill-down, one course).

    Filters that cannot be used are named in the error summary; the figures shown are then
    the default ones (the last 12 months, the whole partnership), and the page says so.
    """
    _refuse_unless_allowed(request.user)
    form = ReportFilterForm(request.GET or None)
    filters = form.filters()
    user = request.user
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "filters": filters,
            "report": page_for(filters, user),
            # The figures behind the page, read only by whoever asks (the page itself shows
            # the stored rendering of them).
            "sections": SimpleLazyObject(lambda: report_for(filters, user).sections),
            "method_note": method_note(),
            "max_age_minutes": max_age_seconds() // 60,
        },
    )


@login_required
@never_cache
def section_csv(request, slug: str, table_id: str):
    """One table of one section as CSV: the very figures of the page (the same stored
    report), with the method note at the foot.

    Filters that cannot be used are refused with the reasons (400): a file of default figures
    would look like the figures asked for.
    """
    _refuse_unless_allowed(request.user)
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
    result = report_for(filters, request.user).result(slug)
    if result is None:
        raise Http404
    table = next((t for t in result.tables if t.id == table_id), None)
    if table is None:
        raise Http404
    header = [str(column.heading) for column in table.columns]
    rows = [[csv_value(row.get(column.key)) for column in table.columns] for row in table.rows]
    rows += [[], [method_note()]]
    filename = f"{slugify(slug)}-{table.id}-{filters.start}-{filters.end}.csv"
    return csv_response(filename, header, rows)
