"""The PDF of a library page, made at publish time by ``elearning.core.page_pdfs``."""

from urllib.parse import urljoin

from django.conf import settings
from django.template.loader import render_to_string

from .selectors import related_pages

PDF_KIND = "library"


def page_document(page, base_url: str) -> tuple[str, str]:
    """The HTML and title of ``page``'s PDF, its links pointing at ``base_url``."""
    html = render_to_string(
        "library/pdf.html",
        {
            "page": page,
            "related_pages": related_pages(page=page),
            "themes": page.themes.all(),
            # The address the PDF is made for, not a development address: the PDF's
            # "online version" link must work for whoever reads it.
            "online_url": urljoin(base_url, page.get_url()),
            "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
            "SITE_NAME": settings.SITE_NAME,
        },
    )
    return html, page.title


def page_variant(page) -> str:
    """A page past its review date says so in its PDF: a new PDF is made that day."""
    return "past-review" if page.is_past_review else ""
