"""Pages anyone may open: the blank assessment form to print."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from elearning.core.pdf import render_pdf, request_base_url

from ..models import ToolkitPage
from .common import _MAX_ID, FINDING_LABELS, HANDWRITTEN_LABELS


def blank_pdf(request, page_id: int):
    """A blank A4 form: each area's levels to tick and space to write, for use on paper."""
    if not 0 < page_id <= _MAX_ID:
        raise Http404
    toolkit = get_object_or_404(ToolkitPage.objects.live().public(), pk=page_id)
    title = _("%(title)s: blank assessment form") % {"title": toolkit.title}
    html = render_to_string(
        "toolkit/blank_pdf.html",
        {
            "toolkit": toolkit,
            "area_list": toolkit.area_list(),
            "title": title,
            "handwritten_labels": HANDWRITTEN_LABELS,
            "finding_labels": FINDING_LABELS,
        },
        request=request,
    )
    pdf = render_pdf(html, base_url=request_base_url(request), title=title)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{toolkit.slug}-blank-form.pdf"'
    return response
