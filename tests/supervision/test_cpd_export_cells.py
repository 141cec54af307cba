"""The CPD export a supervisee downloads is formula-safe and never cached."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

from .factories import add_reflection, lock, make_agreement, make_record

pytestmark = pytest.mark.django_db


def test_cpd_csv_and_pdf_are_safe_downloads(client):
    record = make_record(make_agreement())
    add_reflection(record, what_happened="x", next_steps='=HYPERLINK("http://example.com")')
    lock(record)
    client.post(reverse("account_login"), {"login": record.supervisee.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.get(reverse("supervision:cpd_export", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="cpd-reflections-')
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][4] == '\'=HYPERLINK("http://example.com")'

    pdf = client.get(reverse("supervision:cpd_export", args=["pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith('attachment; filename="cpd-reflections-')
    assert "no-store" in pdf["Cache-Control"]
