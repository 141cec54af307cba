"""Library routes that are not pages: search, PDF downloads and team use of briefings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

from elearning.core import refusals
from elearning.core.exports import csv_response, pdf_response
from elearning.core.page_pdfs import stored_pdf
from elearning.core.pagecache import mark_shareable, response_is_shareable
from elearning.reports.permissions import can_view_partnership_reports

from . import search as site_search
from .forms import TeamUseForm
from .models import LibraryIndexPage, LibraryPage, SevenMinuteBriefingPage
from .pdfs import PDF_KIND
from .permissions import can_record_team_use, team_uses_visible_to
from .services import LibraryRefusal, team_use_record

# Long queries are cut rather than refused: nobody needs more than this to find a page.
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


def search(request):
    """Search over published, public pages; what it lists and how is in ``search.py``."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results = site_search.search_pages(query) if query else Page.objects.none()
    paginator = Paginator(results, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(1)
    page.object_list = site_search.label_results(page.object_list)
    context = {
        "query": query,
        "results": page,
        "named_types": [site_search.type_label(m) for m in site_search.models_named_by(query)],
        # The page's own search form is the one people use here; the header's would repeat it.
        "hide_header_search": True,
    }
    # The same for every visitor who is not signed in: the page cache may keep it.
    return mark_shareable(request, render(request, "library/search.html", context), max_age=300)


def library_index(request):
    """``/library/``: the library index page, wherever editors have put it.

    The navigation links here by name; if the index page lives at another address, people are
    sent on to it.
    """
    index = LibraryIndexPage.objects.live().public().order_by("path").first()
    if index is None:
        raise Http404
    url = index.get_url(request)
    if url != request.path:
        return redirect(url)
    # The page at this address is the one just found: hand Wagtail the route rather than
    # have it walk the tree to it again (three queries). Its view-restriction and other
    # serve hooks still run as for any page.
    request._wagtail_route_for_request = index.route(request, [])
    return wagtail_serve(request, request.path.lstrip("/"))


def page_pdf(request, page_id: int):
    """The page as a PDF, laid out by the same templates as the web page and its print styles.

    Only published pages anyone may read are offered: a draft or a private page is a 404,
    whoever asks, so a PDF can never leak what the page itself would not show. The PDF is
    the file made when the page was published (``core.page_pdfs``), never made here.
    """
    base = get_object_or_404(LibraryPage.objects.listable(), pk=page_id)
    page = base.specific
    pdf = stored_pdf(request, page, PDF_KIND)
    if isinstance(pdf, HttpResponse):
        return pdf
    response = pdf_response(f"{slugify(page.title) or 'page'}.pdf", pdf)
    if response_is_shareable(request, response):
        # A published public page is the same for everyone, so the frontend cache may keep
        # its PDF as it keeps the page (every other download is never stored).
        response["Cache-Control"] = "public, max-age=300"
    patch_vary_headers(response, ["Cookie"])
    return response


@login_required
def team_use_create(request, page_id: int):
    """A signed-in practitioner records how their team used a 7-minute briefing."""
    briefing = SevenMinuteBriefingPage.objects.listable().filter(pk=page_id).first()
    if briefing is None or not can_record_team_use(request.user, briefing):
        raise Http404
    form = TeamUseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team_use_record(briefing=briefing, user=request.user, **form.cleaned_data)
        except LibraryRefusal as refusal:
            refusals.on_form(form, refusal)
        else:
            messages.success(request, _("Thank you. Your team's use of this briefing is recorded."))
            return redirect(briefing.get_url(request))
    response = render(request, "library/team_use_form.html", {"form": form, "briefing": briefing})
    patch_cache_control(response, private=True)
    return response


@login_required
def team_use_rollup_view(request):
    """Partnership staff: each briefing's team-use records to download. The figures are a
    section of the partnership reports, under their disclosure control."""
    if not can_view_partnership_reports(request.user):
        raise PermissionDenied
    briefings = SevenMinuteBriefingPage.objects.order_by("title").only("pk", "title")
    response = render(request, "library/team_use_rollup.html", {"briefings": briefings})
    patch_cache_control(response, private=True)
    return response


@login_required
def team_use_csv(request, page_id: int):
    """Every team use of one briefing as CSV, for partnership staff."""
    if not can_view_partnership_reports(request.user):
        raise PermissionDenied
    briefing = get_object_or_404(SevenMinuteBriefingPage, pk=page_id)
    uses = (
        team_uses_visible_to(request.user)
        .filter(briefing=briefing)
        .select_related("agency")
        .order_by("date_discussed", "pk")
    )
    return csv_response(
        f"team-use-{briefing.slug}.csv",
        [
            "briefing",
            "agency",
            "team",
            "date discussed",
            "people",
            "agreed actions",
            "how we will know",
        ],
        [
            [
                briefing.title,
                use.agency.name if use.agency else "",
                use.team,
                use.date_discussed.isoformat(),
                use.attendees,
                use.agreed_actions,
                use.how_we_will_know,
            ]
            for use in uses
        ],
    )
