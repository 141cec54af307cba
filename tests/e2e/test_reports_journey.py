"""Partnership staff filter the reports by agency and dates and download CSVs."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import Attendance, DeliveryMode
from elearning.accounts.models import Sector
from tests.courses.factories import BookingFactory, SessionFactory, make_course
from tests.e2e.dates import fill_date
from tests.factories import AgencyFactory, UserFactory, role_user

pytestmark = pytest.mark.django_db(transaction=True)


def _download(page, link_name: str):
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    download = download_info.value
    with open(download.path(), encoding="utf-8") as handle:
        return download, list(csv.reader(io.StringIO(handle.read())))


def test_staff_filter_reports_and_download_csv(page, live_server, axe):
    health = AgencyFactory(name="Health Trust", sector=Sector.HEALTH)
    AgencyFactory(name="Hill School", sector=Sector.EDUCATION)
    # 22 people: enough for the trust's own figures to be shown (20 or more).
    nurses = UserFactory.create_batch(22, agency=health)
    # Last week's session: twenty of the 22 came, two did not.
    course = make_course(title="Neglect day", delivery_mode=DeliveryMode.FACE_TO_FACE, steps=0)
    session = SessionFactory(
        course=course, starts_at=timezone.now() - datetime.timedelta(days=7), capacity=24
    )
    for i, nurse in enumerate(nurses):
        mark = Attendance.NO_SHOW if i < 2 else Attendance.ATTENDED
        BookingFactory(session=session, user=nurse, attendance=mark)
    staff = role_user("staff")
    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    today = timezone.localdate()
    start_day = today - datetime.timedelta(days=30)
    start, end = start_day.isoformat(), today.isoformat()

    page.goto("/reports/")
    axe(page, context_label="reports")
    page.get_by_text("Change dates, agency or sector").click()
    page.get_by_label("Agency").select_option(label="Health Trust")
    fill_date(page, "From", start_day)
    fill_date(page, "To", today)
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url("**agency=*")
    expect(page.get_by_text("Agency: Health Trust.")).to_be_visible()
    axe(page, context_label="filtered reports")

    download, rows = _download(page, "Download “By agency” as CSV")
    assert rows[0] == ["Agency", "Sector", "People", "Joined in the period"]
    assert ["Health Trust", "Health", "20", "20"] in rows  # 22, rounded to the nearest 5
    assert rows[-1][0].startswith("To protect the people counted")
    assert download.suggested_filename.startswith(f"people-by-agency-{start}-{end}")

    page.get_by_role("link", name="Training sessions").click()
    expect(page.get_by_role("heading", name="Training sessions", exact=True)).to_be_visible()
    download, rows = _download(page, "Download “Attendance by agency” as CSV")
    assert rows[0][:3] == ["Agency", "Sector", "People booked"]
    # 22 booked, 20 attended, 2 did not: the 2 are withheld, and 9% of marked places not
    # attended is worked out from the unrounded figures.
    assert rows[1] == ["Health Trust", "Health", "20", "20", "0", "20", "0", "[c]", "9"]
    assert download.suggested_filename.startswith(
        f"training-sessions-attendance-by-agency-{start}-{end}"
    )

    # Dates out of range are named in the error summary, which takes the focus.
    page.goto("/reports/?start=9999-12-30&end=9999-12-31")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="The ‘From’ date must be between").click()
    # The link goes to the first box of the date: its day.
    expect(page.get_by_role("group", name="From", exact=True).get_by_label("Day")).to_be_focused()
    axe(page, context_label="reports with refused filters")

    # A download asked for with such filters is refused with the same summary, not a file.
    page.goto("/reports/people/by-agency.csv?start=not-a-date")
    expect(page.get_by_role("heading", name="The figures could not be downloaded")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a real date")
    axe(page, context_label="refused download")
