"""Training report downloads: formula-safe CSV cells, the download headers, and report
addresses asked for in a format the reports do not offer."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import AgencyFactory, UserFactory

from .factories import BookingFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.com","x")'


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "no-store" in response["Cache-Control"]
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def formula_session():
    """A session of a course whose title, and an agency whose name, start like a formula."""
    course = make_course(title=FORMULA, steps=0)
    session = SessionFactory(course=course)
    BookingFactory(session=session, user=UserFactory(agency=AgencyFactory(name="+SUM(A1:A9)")))
    return session


def test_every_training_report_csv_escapes_formulas(login, staff, formula_session):
    client = login(staff)
    rows = _rows(client.get(reverse("courses:reports"), {"format": "csv"}))
    assert rows[1][0] == "'" + FORMULA
    for url in (
        reverse("courses:report_session", args=[formula_session.pk]),
        reverse("courses:report_course", args=[formula_session.course_id]),
    ):
        rows = _rows(client.get(url, {"format": "csv"}))
        assert rows[1][0] == "'+SUM(A1:A9)"
        assert rows[1][2] == "1"  # numbers are left as numbers


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "CSV", "'", "csv'", "<script>"])
def test_a_format_the_reports_do_not_offer_is_refused_with_the_reason(
    login, staff, formula_session, fmt
):
    client = login(staff)
    for url in (
        reverse("courses:reports"),
        reverse("courses:report_session", args=[formula_session.pk]),
        reverse("courses:report_course", args=[formula_session.course_id]),
    ):
        response = client.get(url, {"format": fmt})
        assert response.status_code == 400, url
        assert "Content-Disposition" not in response
        html = response.content.decode()
        assert 'href="#id_format"' in html
        assert "Choose a format from the list: a web page or a CSV file." in html
        assert f'action="{url}"' in html
        assert "<script>" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_page_and_an_empty_format_still_show_the_report(login, staff, formula_session):
    client = login(staff)
    for params in ({}, {"format": ""}):
        response = client.get(reverse("courses:reports"), params)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")


def test_unknown_and_huge_report_ids_are_404(login, staff):
    client = login(staff)
    for name in ("courses:report_session", "courses:report_course"):
        assert client.get(reverse(name, args=[999999])).status_code == 404
        assert client.get(reverse(name, args=[10**30])).status_code == 404


def test_learning_record_csv_escapes_formulas(login, practitioner):
    from courses.models import Attendance

    session = SessionFactory(course=make_course(title="@SUM(1)", steps=0))
    BookingFactory(session=session, user=practitioner, attendance=Attendance.ATTENDED)
    rows = _rows(login(practitioner).get(reverse("courses:learning_record", args=["csv"])))
    assert [r[1] for r in rows[1:]] == ["'@SUM(1)"]


def test_learning_record_pdf_headers(login, practitioner):
    response = login(practitioner).get(reverse("courses:learning_record", args=["pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="learning-record-')
    assert "no-store" in response["Cache-Control"]
