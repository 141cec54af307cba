"""The blank assessment form of a toolkit, made at publish time by
``elearning.core.page_pdfs``."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

BLANK_FORM_KIND = "toolkit_blank"


def blank_form_title(toolkit) -> str:
    return _("%(title)s: blank assessment form") % {"title": toolkit.title}


def blank_form_document(toolkit, base_url: str) -> tuple[str, str]:
    from .views.common import FINDING_LABELS, HANDWRITTEN_LABELS  # noqa: PLC0415 (views load late)

    title = blank_form_title(toolkit)
    html = render_to_string(
        "toolkit/blank_pdf.html",
        {
            "toolkit": toolkit,
            "area_list": toolkit.area_list(),
            "title": title,
            "handwritten_labels": HANDWRITTEN_LABELS,
            "finding_labels": FINDING_LABELS,
            "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
            "SITE_NAME": settings.SITE_NAME,
        },
    )
    return html, title
