"""Every kind of PDF the site makes is tagged (PDF/UA-1), titled, in British English, and links
to the address the person reached the site by, never the development address in the Site
record or the settings.

The Site record is set to 127.0.0.1:8000 (what ``make demo`` gives it) and every request comes
in as partnership.example, so a link built from the record or BASE_URL would show here.
"""

import io

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Site

from courses.models import Attendance, Booking, BookingStatus, Certificate
from elearning.core.pdf import page_base_url, render_pdf, request_base_url
from tests.courses.factories import EnrolmentFactory, SessionFactory, make_course
from tests.factories import PASSWORD, UserFactory
from tests.library import factories as library
from tests.supervision.factories import add_reflection, lock, make_agreement, make_record

pytestmark = pytest.mark.django_db

HOST = "partnership.example"
SERVING = f"http://{HOST}/"


@pytest.fixture(autouse=True)
def _development_site_record():
    # What the demo seeder and a forgotten BASE_URL leave behind.
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)
    with override_settings(
        ALLOWED_HOSTS=[HOST, "testserver"], WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000"
    ):
        yield


def pdf_facts(content: bytes) -> dict:
    """What a screen reader and a PDF/UA checker look at first, read from the file itself."""
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    tree = catalog.get("/StructTreeRoot")
    xmp = catalog["/Metadata"].get_object().get_data().decode() if "/Metadata" in catalog else ""
    links = [
        annotation.get_object()["/A"]["/URI"]
        for pdf_page in reader.pages
        for annotation in pdf_page.get("/Annots") or []
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    return {
        "structure": tree.get_object().get("/K") if tree is not None else None,
        # pypdf's BooleanObject is not the True singleton.
        "marked": catalog.get("/MarkInfo", {}).get("/Marked") == True,  # noqa: E712
        "display_title": catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle") == True,  # noqa: E712
        "lang": catalog.get("/Lang"),
        "title": reader.metadata.get("/Title") if reader.metadata else None,
        "xmp": xmp,
        "links": links,
        "text": "\n".join(pdf_page.extract_text() for pdf_page in reader.pages),
    }


def assert_accessible(facts: dict, title: str) -> None:
    assert facts["structure"], "the PDF has no structure tree (untagged)"
    assert facts["marked"] is True and facts["display_title"] is True
    assert facts["lang"] == "en-GB"
    assert facts["title"] == title
    assert "pdfuaid:part" in facts["xmp"] and 'pdfuaid:part="1"' in facts["xmp"]
    assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in facts["xmp"]


def assert_served_from_request_host(facts: dict) -> None:
    assert facts["links"], "expected at least one link in the PDF"
    for uri in facts["links"]:
        assert uri.startswith(SERVING), uri
    assert "127.0.0.1" not in facts["text"] and "localhost" not in facts["text"]


def client_for(user=None) -> Client:
    client = Client(HTTP_HOST=HOST)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_library_guide_pdf_is_tagged_and_links_to_the_serving_host():
    other = library.guide(title="Working with fathers", slug="working-with-fathers")
    page = library.guide(
        title="Chronologies",
        slug="chronologies",
        # A relative link, as an editor may paste one: it resolves against the PDF's base URL.
        what_to_do=f'<p>Read <a href="{other.url}">the guide on fathers</a>.</p>',
    )
    response = client_for().get(reverse("library:page_pdf", args=[page.pk]))
    assert response.status_code == 200
    facts = pdf_facts(response.content)
    assert_accessible(facts, "Chronologies")
    assert_served_from_request_host(facts)
    assert f"{SERVING}library/chronologies/" in facts["links"]
    assert f"{SERVING}library/working-with-fathers/" in facts["links"]


def test_certificate_pdf_is_tagged_and_its_check_link_is_the_serving_host():
    learner = UserFactory()
    enrolment = EnrolmentFactory(user=learner, course=make_course(steps=0, title="Neglect"))
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        learner_name="Rosa Lane",
        course_title="Neglect",
        cpd_hours=2,
        completed_on=timezone.localdate(),
    )
    response = client_for(learner).get(reverse("courses:certificate_pdf", args=[certificate.code]))
    facts = pdf_facts(response.content)
    assert_accessible(facts, "Certificate of completion: Neglect")
    assert_served_from_request_host(facts)
    assert facts["links"] == [f"{SERVING}learning/verify/"]


def test_learning_record_pdf_is_tagged_and_links_to_the_serving_host():
    learner = UserFactory()
    enrolment = EnrolmentFactory(user=learner, course=make_course(steps=0))
    Certificate.objects.create(
        enrolment=enrolment,
        learner_name="Rosa Lane",
        course_title="Neglect",
        cpd_hours=2,
        completed_on=timezone.localdate(),
    )
    Booking.objects.create(
        session=SessionFactory(),
        user=learner,
        status=BookingStatus.BOOKED,
        attendance=Attendance.ATTENDED,
    )
    response = client_for(learner).get(reverse("courses:learning_record", args=["pdf"]))
    facts = pdf_facts(response.content)
    assert_accessible(facts, "My learning record")
    assert_served_from_request_host(facts)
    assert "Neglect" in facts["text"]


def test_cpd_export_pdf_is_tagged_and_titled():
    record = make_record(make_agreement())
    add_reflection(record, analysis="Learnt to look at the child's day")
    lock(record)
    client = client_for()
    client.post(reverse("account_login"), {"login": record.supervisee.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("supervision:cpd_export", args=["pdf"]))
    assert response.status_code == 200
    facts = pdf_facts(response.content)
    assert_accessible(facts, "CPD evidence: reflections from supervision")
    assert "Learnt to look at the child" in facts["text"]
    assert "127.0.0.1" not in facts["text"]


def test_render_pdf_sets_title_and_language_over_the_template():
    html = '<html lang="fr"><head><title>Wrong</title></head><body><h1>Hi</h1></body></html>'
    facts = pdf_facts(render_pdf(html, base_url=SERVING, title="  Right\n title "))
    assert_accessible(facts, "Right title")


def test_render_pdf_refuses_an_untitled_pdf_or_a_relative_base():
    html = "<html><body><p>x</p></body></html>"
    with pytest.raises(ValueError, match="title"):
        render_pdf(html, base_url=SERVING, title="   ")
    with pytest.raises(ValueError, match="absolute"):
        render_pdf(html, base_url="/", title="A title")


def test_base_urls_come_from_the_request_or_the_pages_site(rf):
    assert request_base_url(rf.get("/", HTTP_HOST=HOST)) == SERVING
    page = library.guide()
    # Without a request (a task), only the Site record knows the address.
    assert page_base_url(page) == "http://127.0.0.1:8000/"
    Site.objects.filter(is_default_site=True).update(hostname="learning.example.org", port=443)
    assert page_base_url(page) == "https://learning.example.org/"
