"""Every PDF the site makes is rendered here, so each one is tagged in the same way.

A PDF is read by screen-reader users as often as a web page, so each is made as PDF/UA-1: a
structure tree built from the HTML, the document title shown instead of the file name, and the
language declared. Links inside it are resolved against the address of the site that serves
it (the request's host, or the page's Wagtail Site in a background task), never a development
address from the settings.

Call ``render_pdf`` with the HTML of a template that extends nothing (the PDF templates carry
their own print CSS) and one of the two base URL helpers below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.models import Page

# PDF/UA-1 turns tagging on (WeasyPrint's ``pdf_tags``) and adds the PDF/UA identification to
# the XMP metadata, with the title in it as dc:title.
PDF_VARIANT = "pdf/ua-1"
DEFAULT_LANG = "en-GB"


def render_pdf(html: str, *, base_url: str, title: str, lang: str = DEFAULT_LANG) -> bytes:
    """The PDF of ``html``: tagged, titled ``title``, in language ``lang``.

    ``title`` and ``lang`` win over the template's ``<title>`` and ``<html lang>``, so a
    template that forgets them still makes a PDF a screen reader can announce. ``base_url``
    is where relative links and images point: pass ``request_base_url(request)`` in a view
    and ``page_base_url(page)`` where there is no request.
    """
    title = " ".join(str(title).split())
    if not title:
        raise ValueError("A PDF needs a title: screen readers announce it instead of a file name.")
    if not base_url.startswith(("http://", "https://")):
        raise ValueError("base_url must be an absolute address of the site serving the PDF.")
    from weasyprint import HTML  # noqa: PLC0415 (heavy import, only needed here)

    document = HTML(string=html, base_url=base_url).render(pdf_variant=PDF_VARIANT, pdf_tags=True)
    document.metadata.title = title
    document.metadata.lang = lang
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


def request_base_url(request: HttpRequest) -> str:
    """The address of the site as the person asking reached it (its checked Host header)."""
    return request.build_absolute_uri("/")


def page_base_url(page: Page) -> str:
    """The address of the Wagtail Site ``page`` belongs to, for PDFs made without a request
    (a task run at publish time). Falls back to the default Site for an orphaned page."""
    from wagtail.models import Site  # noqa: PLC0415 (models are not ready at import time)

    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise ValueError("There is no Wagtail Site to take the PDF's address from.")
    return site.root_url.rstrip("/") + "/"
