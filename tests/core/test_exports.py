"""The one export helper: formula-safe cells, download headers and safe file names."""

import csv
import datetime
import decimal
import io

import pytest
from django.utils.translation import gettext_lazy

from elearning.core.exports import (
    csv_response,
    pdf_response,
    safe_filename,
    spreadsheet_safe,
)


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://example.com")', '\'=HYPERLINK("http://example.com")'),
        ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
        ("-1+1", "'-1+1"),
        ("-inf", "'-inf"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Health Trust", "Health Trust"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("-.5", "-.5"),
        ("-1e3", "-1e3"),
    ],
)
def test_text_that_would_run_as_a_formula_gets_an_apostrophe(value, expected):
    assert spreadsheet_safe(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        -5,
        0,
        3.25,
        decimal.Decimal("-1.5"),
        True,
        datetime.date(2026, 1, 2),
        datetime.datetime(2026, 1, 2, 3, 4),
        datetime.time(9, 30),
    ],
)
def test_numbers_and_dates_are_left_as_they_are(value):
    assert spreadsheet_safe(value) is value


def test_lazy_text_is_made_text_and_escaped():
    assert spreadsheet_safe(gettext_lazy("=1+1")) == "'=1+1"


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            "people-by-agency-2026-01-01-2026-12-31.csv",
            "people-by-agency-2026-01-01-2026-12-31.csv",
        ),
        ('bad"name\r\nSet-Cookie: x.csv', "bad-name-Set-Cookie-x.csv"),
        ("../../etc/passwd", "etc-passwd"),
        ("Café report.pdf", "Caf-report.pdf"),
        (".csv", "download.csv"),
        ("", "download"),
        ("role-changes", "role-changes"),
    ],
)
def test_file_names_are_safe_in_a_header(name, expected):
    assert safe_filename(name) == expected


def test_long_file_names_are_cut():
    assert len(safe_filename("x" * 500 + ".csv")) == 154


def test_csv_response_headers_and_cells():
    response = csv_response(
        'report "one".csv', ["=Heading", "Count"], [["=HYPERLINK(1)", 7], ["-3", None]]
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="report-one.csv"'
    assert response["Cache-Control"] == "private, no-store"
    body = response.content.decode("utf-8")
    assert not body.startswith("\ufeff")  # no byte-order mark, as the downloads always were
    assert list(csv.reader(io.StringIO(body))) == [
        ["'=Heading", "Count"],
        ["'=HYPERLINK(1)", "7"],
        ["-3", ""],
    ]


def test_csv_response_writes_utf8():
    response = csv_response("a.csv", ["Name"], [["Siân’s team"]])
    assert "Siân’s team" in response.content.decode("utf-8")


def test_pdf_response_headers():
    response = pdf_response("certificate ABC/1.pdf", b"%PDF-1.7 ...")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificate-ABC-1.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b"%PDF-1.7 ..."
