"""Library downloads: the content-review export (CSV and XLSX), team use as CSV and page
PDFs, each formula-safe and with the download headers."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import UserFactory

from . import factories as f

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.com","Open")'
REVIEW_URL = "/admin/reports/content-review/"


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def overdue_formula_page():
    today = timezone.localdate()
    owner = UserFactory(first_name="@Owner", last_name="Name")
    return f.guide(
        title=FORMULA,
        content_owner=owner,
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=5),
    )


def test_content_review_csv_escapes_every_cell(login, staff, overdue_formula_page):
    response = login(staff).get(REVIEW_URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="content-due-for-review-'
    )
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(_content(response).decode())))
    assert rows[0] == ["Title", "Review by", "Last reviewed", "Owner", "Status"]
    (row,) = rows[1:]
    assert row[0] == "'" + FORMULA
    assert row[3] == "'@Owner Name"
    # Dates stay dates.
    assert row[1] == overdue_formula_page.review_by.isoformat()


def test_content_review_xlsx_escapes_text_and_keeps_dates(login, staff, overdue_formula_page):
    response = login(staff).get(REVIEW_URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="content-due-for-review-'
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert "no-store" in response["Cache-Control"]
    sheet = load_workbook(io.BytesIO(_content(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    title, review_by, _last, owner, _status = rows[1]
    assert title == "'" + FORMULA
    assert owner == "'@Owner Name"
    reviewed = review_by.date() if isinstance(review_by, datetime.datetime) else review_by
    assert reviewed == overdue_formula_page.review_by
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_team_use_csv_escapes_every_text_cell(login, staff):
    page = f.briefing(title="-1+1 briefing")
    f.team_use(
        briefing_page=page,
        user=UserFactory(),
        team="+Team",
        agreed_actions="@SUM(1)",
        how_we_will_know="\t=cmd",
    )
    response = login(staff).get(f"/library/tools/team-use/{page.pk}/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="team-use-{page.slug}.csv"'
    assert "no-store" in response["Cache-Control"]
    (row,) = list(csv.reader(io.StringIO(response.content.decode())))[1:]
    assert row[0] == "'-1+1 briefing"
    assert row[2] == "'+Team"
    assert row[5:] == ["'@SUM(1)", "'\t=cmd"]


def test_page_pdf_headers(client, login, practitioner):
    page = f.guide(title="=Printable guide")
    url = f"/library/tools/pdf/{page.pk}/"
    anonymous = client.get(url)
    assert anonymous["Content-Type"] == "application/pdf"
    assert anonymous["Content-Disposition"] == 'attachment; filename="printable-guide.pdf"'
    # A public page's PDF may be kept by the frontend cache, like the page itself...
    assert anonymous["Cache-Control"] == "public, max-age=300"
    # ...but not when someone is signed in.
    signed_in = login(practitioner).get(url)
    assert "no-store" in signed_in["Cache-Control"] and "public" not in signed_in["Cache-Control"]
