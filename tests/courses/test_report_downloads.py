"""Downloads the courses app still serves: the learner's own learning record, with
formula-safe CSV cells and the download headers.

The training report CSV files are gone: training figures are downloaded from the
partnership reports (tests/reports), and the one CSV helper's formula escaping is tested in
tests/core/test_exports.py. What the old report addresses do now is tested in
tests/courses/test_reports.py.
"""

import csv
import io

import pytest
from django.urls import reverse

from .factories import BookingFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "no-store" in response["Cache-Control"]
    return list(csv.reader(io.StringIO(response.content.decode())))


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
