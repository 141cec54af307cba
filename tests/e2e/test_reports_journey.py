"""Partnership staff filter the reports by agency and dates and download a CSV."""

import csv
import io

import pytest
from django.test import Client
from playwright.sync_api import expect

from elearning.accounts.models import Sector
from tests.factories import AgencyFactory, UserFactory, role_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_filter_reports_and_download_csv(page, live_server, axe):
    health = AgencyFactory(name="Health Trust", sector=Sector.HEALTH)
    AgencyFactory(name="Hill School", sector=Sector.EDUCATION)
    UserFactory.create_batch(6, agency=health)
    staff = role_user("staff")
    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto("/reports/")
    axe(page, context_label="reports")
    page.get_by_text("Change dates, agency or sector").click()
    page.get_by_label("Agency").select_option(label="Health Trust")
    page.get_by_label("From", exact=True).fill("2026-01-01")
    page.get_by_label("To", exact=True).fill("2026-12-31")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url("**agency=*")
    expect(page.get_by_text("Agency: Health Trust.")).to_be_visible()
    axe(page, context_label="filtered reports")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download “By agency” as CSV").click()
    download = download_info.value
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0] == ["Agency", "People", "Joined in the period"]
    assert ["Health Trust", "6", "6"] in rows
    assert download.suggested_filename.startswith("people-by-agency-2026-01-01-2026-12-31")
