"""The role-change log's CSV and XLSX exports are formula-safe and never cached."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from elearning.accounts.roles import SUPERVISORS_GROUP
from elearning.accounts.services import roles_change
from tests.factories import UserFactory, role_user

pytestmark = pytest.mark.django_db

EMAIL = "=1+1@example.org"


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def admin_and_change():
    admin = role_user("admin")
    person = UserFactory(email=EMAIL)
    roles_change(by=admin, user=person, groups=[Group.objects.get(name=SUPERVISORS_GROUP)])
    return admin


def test_role_change_csv_escapes_formulas(login, admin_and_change):
    response = login(admin_and_change).get(reverse("role_change_report"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="role-changes.csv"'
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(_content(response).decode())))
    assert rows[1][1] == "'" + EMAIL
    assert rows[1][3] == SUPERVISORS_GROUP


def test_role_change_xlsx_escapes_formulas(login, admin_and_change):
    response = login(admin_and_change).get(reverse("role_change_report"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(_content(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "'" + EMAIL
