"""Pages anyone may open: the blank assessment form to print."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from elearning.core.page_pdfs import stored_pdf

from ..models import ToolkitPage
from ..pdfs import BLANK_FORM_KIND
from .common import _MAX_ID


def blank_pdf(request, page_id: int):
    """A blank A4 form: each area's levels to tick and space to write, for use on paper.
    The file made when the toolkit was published (``core.page_pdfs``), never made here."""
    if not 0 < page_id <= _MAX_ID:
        raise Http404
    toolkit = get_object_or_404(ToolkitPage.objects.live().public(), pk=page_id)
    pdf = stored_pdf(request, toolkit, BLANK_FORM_KIND)
    if isinstance(pdf, HttpResponse):
        return pdf
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{toolkit.slug}-blank-form.pdf"'
    return response
