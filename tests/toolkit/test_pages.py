"""The toolkit page anyone reads, and the blank A4 form anyone prints."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from seeding.toolkit.content import AREAS
from tests.toolkit.factories import make_toolkit

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_anyone_reads_the_nine_areas_with_levels_and_questions():
    toolkit = make_toolkit()
    response = Client().get(toolkit.url)
    assert response.status_code == 200
    html = response.content.decode()
    for title, *_ in AREAS:
        assert title.replace("'", "&#x27;") in html
    assert "Serious unmet need" in html and "Needs met" in html
    assert "What did you have to eat today?" in html
    assert "12 and over" in html
    assert reverse("toolkit:blank_pdf", args=[toolkit.pk]) in html


def test_a_variant_names_its_local_area():
    toolkit = make_toolkit(areas=2, local_area="West district")
    assert "West district" in Client().get(toolkit.url).content.decode()


def test_the_blank_form_is_an_a4_pdf_with_every_area_and_handwritten_lines():
    toolkit = make_toolkit()
    response = Client().get(reverse("toolkit:blank_pdf", args=[toolkit.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = pdf_text(response.content)
    for title, *_ in AREAS:
        assert title in text
    assert "Child's date of birth" in text
    assert "Tick one level" in text


def test_a_draft_or_unknown_toolkit_has_no_blank_form():
    toolkit = make_toolkit(areas=1)
    toolkit.unpublish()
    assert Client().get(reverse("toolkit:blank_pdf", args=[toolkit.pk])).status_code == 404
    assert Client().get(reverse("toolkit:blank_pdf", args=[2**63])).status_code == 404
