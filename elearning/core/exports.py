"""Every file the site offers for download goes out through here: CSV and PDF responses, and
the spreadsheet exports of the Wagtail admin reports.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula, so a page title or a person's name could make someone's spreadsheet fetch
a web address or run a command ("CSV injection"). Every text cell of every export passes
through ``spreadsheet_safe``, which puts an apostrophe in front of such text. Numbers, dates
and empty cells are left as they are, so they still sort and add up.

Downloads are never kept by a browser or a shared cache (``Cache-Control: private,
no-store``): they hold figures or records meant for the person who asked. CSV files are UTF-8
without a byte-order mark, which is what every CSV download here already wrote.
"""

import csv
import datetime
import decimal
import re

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NO_STORE = "private, no-store"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"

# A plain number, possibly signed: "-12", "+3.5", "-.5", "1e3". Text like "-1+1" or "-inf"
# is not one, and is escaped.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
_EXTENSION = re.compile(r"[A-Za-z0-9]{1,10}")
_MAX_FILENAME = 150


def spreadsheet_safe(value):
    """``value`` as a spreadsheet will read it, never as a formula.

    Text starting with a formula character gets a leading apostrophe unless it is a plain
    number. Numbers, dates and times are returned unchanged; ``None`` becomes empty text.
    """
    if value is None:
        return ""
    if isinstance(value, bool | int | float | decimal.Decimal | datetime.date | datetime.time):
        return value
    text = str(value) if isinstance(value, Promise) or not isinstance(value, str) else value
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_filename(filename: str, *, default: str = "download") -> str:
    """A file name that is safe in a ``Content-Disposition`` header on every system: ASCII
    letters, digits, dots, hyphens and underscores only, no leading dot, not too long."""
    stem, dot, extension = str(filename).rpartition(".")
    if not (dot and _EXTENSION.fullmatch(extension)):
        stem, extension = str(filename), ""
    stem = _UNSAFE_IN_FILENAME.sub("-", stem).strip(".-_")[:_MAX_FILENAME] or default
    return f"{stem}.{extension}" if extension else stem


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    response["Cache-Control"] = NO_STORE
    return response


def csv_response(filename: str, header, rows) -> HttpResponse:
    """A CSV download of ``header`` and ``rows``, every cell made spreadsheet-safe."""
    response = _attachment(HttpResponse(content_type=CSV_CONTENT_TYPE), filename)
    writer = csv.writer(response)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


def pdf_response(filename: str, pdf_bytes: bytes) -> HttpResponse:
    """A PDF download, with the same headers as every other download."""
    return _attachment(HttpResponse(pdf_bytes, content_type=PDF_CONTENT_TYPE), filename)


def download_refused(request, *, form, title, back_url: str, back_text) -> HttpResponse:
    """The answer to a download asked for with filters that cannot be used: the problems,
    named field by field, and the form to put them right. Never a file of figures the person
    did not ask for."""
    response = render(
        request,
        "core/download_refused.html",
        {"form": form, "title": title, "back_url": back_url, "back_text": back_text},
        status=400,
    )
    response["Cache-Control"] = NO_STORE
    return response


class SpreadsheetSafeExportMixin:
    """For every Wagtail admin report the project defines (put it before ``ReportView``).

    Wagtail's ``SpreadsheetExportMixin`` writes CSV cells exactly as given, and its XLSX
    export only stops text starting with ``=``. Every cell of both, headings included, is
    passed through ``spreadsheet_safe`` after Wagtail's own preprocessing, so the two formats
    and every other download here read the same. The file name and headers are those of
    every other download.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_safe(value)

    def get_heading(self, queryset, field):
        return spreadsheet_safe(super().get_heading(queryset, field))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        if response is None:
            return None
        _attachment(response, f"{self.get_filename()}.{spreadsheet_format}")
        if spreadsheet_format == self.FORMAT_CSV:
            response["Content-Type"] = CSV_CONTENT_TYPE
        return response
