"""Wagtail's own admin reports (locked pages, aging pages, site history, workflows) export
like every other download: formula-safe cells and the download headers."""

import csv
import io

import pytest
from django.urls import resolve
from django.utils import timezone

from elearning.core import admin_reports
from tests.factories import UserFactory
from tests.library import factories as f

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.com","Open")'


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode())))


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, totp_secret=True)


@pytest.fixture
def formula_page(superuser):
    page = f.guide(title=FORMULA)
    page.save_revision(user=superuser).publish(user=superuser)
    page.refresh_from_db()
    page.locked = True
    page.locked_by = superuser
    page.locked_at = timezone.now()
    page.save()
    return page


@pytest.mark.parametrize(
    ("address", "view"),
    [
        ("/admin/reports/locked/", admin_reports.SafeLockedPagesView),
        ("/admin/reports/aging-pages/", admin_reports.SafeAgingPagesView),
        ("/admin/reports/site-history/", admin_reports.SafeLogEntriesView),
        ("/admin/reports/workflow/", admin_reports.SafeWorkflowView),
        ("/admin/reports/workflow_tasks/", admin_reports.SafeWorkflowTasksView),
    ],
)
def test_wagtails_report_addresses_reach_the_formula_safe_views(address, view):
    assert resolve(address).func.view_class is view


@pytest.mark.parametrize("address", ["/admin/reports/locked/", "/admin/reports/aging-pages/"])
def test_page_reports_escape_a_formula_title(login, superuser, formula_page, address):
    rows = _rows(login(superuser).get(address, {"export": "csv"}))
    titles = [row[0] for row in rows[1:]]
    assert "'" + FORMULA in titles
    assert FORMULA not in titles


def test_site_history_escapes_a_formula_title(login, superuser, formula_page):
    formula_page.save_revision(user=superuser, log_action=True)
    rows = _rows(login(superuser).get("/admin/reports/site-history/", {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'" + FORMULA) for cell in cells)
    assert not any(cell.startswith("=") for cell in cells)


def test_the_reports_still_refuse_people_without_admin_access(client, login, practitioner):
    assert "/login" in client.get("/admin/reports/locked/").url
    response = login(practitioner).get("/admin/reports/locked/", {"export": "csv"})
    assert response.status_code in (302, 403)
    assert "text/csv" not in response.get("Content-Type", "")
