"""Report filters that cannot be used are refused field by field, never a 500 and never a
file of figures nobody asked for; good filters still work, up to their limits."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from elearning.accounts.models import Sector
from elearning.reports.disclosure import method_note
from elearning.reports.filters import EARLIEST_DATE, default_filters, latest_date

from .helpers import HIDDEN, figures_of, section

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate()
LATEST = latest_date(TODAY)


def _iso(day: datetime.date) -> str:
    return day.isoformat()


OUT_OF_RANGE = "date must be between 1 January 2000 and"
REAL_DATE = "date must be a real date"

# (filters, the field the error summary must point at, words of its message)
BAD_FILTERS = [
    pytest.param({"start": "9999-12-30", "end": "9999-12-31"}, "start", OUT_OF_RANGE, id="far"),
    pytest.param({"start": "1899-01-01", "end": _iso(TODAY)}, "start", OUT_OF_RANGE, id="past"),
    pytest.param({"end": _iso(LATEST + DAY)}, "end", OUT_OF_RANGE, id="just-too-far"),
    pytest.param({"start": _iso(EARLIEST_DATE - DAY)}, "start", OUT_OF_RANGE, id="just-too-old"),
    pytest.param(
        {"start": _iso(TODAY - 10 * DAY), "end": _iso(TODAY - 20 * DAY)},
        "end",
        "‘To’ date must be the same as or after the ‘From’ date",
        id="reversed",
    ),
    pytest.param(
        {"start": _iso(TODAY + 10 * DAY)}, "start", "today or earlier", id="reversed-start-only"
    ),
    pytest.param(
        {"end": _iso(TODAY - 400 * DAY)},
        "end",
        "unless you also give a ‘From’ date",
        id="reversed-end-only",
    ),
    pytest.param(
        {"start": _iso(TODAY - 2000 * DAY), "end": _iso(TODAY)},
        "start",
        "five years or less",
        id="too-long",
    ),
    pytest.param({"start": "not-a-date"}, "start", REAL_DATE, id="malformed"),
    pytest.param({"end": "2025-02-30"}, "end", REAL_DATE, id="no-such-day"),
    # The link goes to the box that is wrong: here the month.
    pytest.param({"start": "2025-13-01"}, "start_month", REAL_DATE, id="no-such-month"),
    pytest.param({"start": "'"}, "start", REAL_DATE, id="quote-in-date"),
    pytest.param({"agency": "999999"}, "agency", "Choose an agency from the list", id="agency"),
    pytest.param({"agency": "abc"}, "agency", "Choose an agency from the list", id="agency-text"),
    pytest.param({"agency": "1'"}, "agency", "Choose an agency from the list", id="agency-quote"),
    pytest.param(
        {"agency": "9" * 30}, "agency", "Choose an agency from the list", id="agency-huge"
    ),
    pytest.param({"sector": "spies"}, "sector", "Choose a sector from the list", id="sector"),
    pytest.param({"sector": "'"}, "sector", "Choose a sector from the list", id="sector-quote"),
    pytest.param({"course": "999999"}, "course", "Choose a course from the list", id="course"),
    pytest.param({"course": "abc"}, "course", "Choose a course from the list", id="course-text"),
    pytest.param({"course": "9" * 30}, "course", "Choose a course from the list", id="course-huge"),
]


def _anchor(field: str) -> str:
    """Where the summary links: a date's day box (unless another box is named), any other
    field itself."""
    return f"id_{field}_day" if field in ("start", "end") else f"id_{field}"


def _error_summary(html: str) -> str:
    start = html.index('class="govuk-error-summary"')
    return html[start : html.index("</ul>", start)]


@pytest.mark.parametrize("params, field, message", BAD_FILTERS)
def test_bad_filters_are_named_and_no_figures_use_them(
    login, staff, people, params, field, message
):
    response = login(staff).get(reverse("reports:index"), params)
    assert response.status_code == 200
    html = response.content.decode()
    summary = _error_summary(html)
    assert f'href="#{_anchor(field)}"' in summary
    assert message in summary
    assert html.count(message) >= 2  # in the summary and beside the field
    assert "<title>Error:" in html
    # The figures shown are the defaults, and the page says so.
    assert response.context["filters"] == default_filters()
    assert 'id="filters-not-used"' in html
    # 10 fixture people and the staff member: 11, rounded to the nearest 5.
    assert figures_of(section(response, "people"))["People with accounts"] == 10


def test_an_agency_and_a_sector_together_are_refused(login, staff, people):
    params = {"agency": people["health"].pk, "sector": Sector.HEALTH}
    response = login(staff).get(reverse("reports:index"), params)
    summary = _error_summary(response.content.decode())
    assert 'href="#id_sector"' in summary and "not both" in summary
    assert response.context["filters"] == default_filters()


@pytest.mark.parametrize("params, field, message", BAD_FILTERS)
def test_csv_with_bad_filters_is_refused_not_a_file(login, staff, people, params, field, message):
    url = reverse("reports:csv", args=["people", "by-agency"])
    response = login(staff).get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    summary = _error_summary(html)
    assert f'href="#{_anchor(field)}"' in summary and message in summary
    assert "The figures could not be downloaded" in html
    assert f'action="{reverse("reports:index")}"' in html
    assert "govuk-table" not in html and "app-figure" not in html  # no figures at all


def test_good_filters_still_work_up_to_their_limits(login, staff, people):
    client = login(staff)
    url = reverse("reports:index")
    response = client.get(url, {"agency": people["health"].pk, "start": "", "end": ""})
    assert not response.context["form"].errors
    assert response.context["filters"].agency == people["health"]
    # The filter is used: six people in the health trust, too few for any figure.
    assert section(response, "people").withheld.startswith("Fewer than 20 people are counted")
    # The earliest day allowed, five years on from it, and up to a year from today.
    for start, end in ((EARLIEST_DATE, EARLIEST_DATE + 1826 * DAY), (TODAY, LATEST)):
        response = client.get(url, {"start": _iso(start), "end": _iso(end)})
        assert response.status_code == 200
        assert not response.context["form"].errors, (start, end)
        assert response.context["filters"].start == start
        assert response.context["filters"].end == end
    response = client.get(url, {"start": _iso(TODAY - 900 * DAY), "end": _iso(TODAY - 700 * DAY)})
    # Only the police officer joined then: 1, withheld (and not 0).
    assert figures_of(section(response, "people"))["Joined in the period"] == HIDDEN
    assert 'id="filters-not-used"' not in response.content.decode()


def test_csv_with_good_filters_and_with_none(login, staff, people):
    client = login(staff)
    url = reverse("reports:csv", args=["people", "by-agency"])
    for params in ({}, {"start": _iso(TODAY - 30 * DAY), "end": _iso(LATEST)}):
        response = client.get(url, params)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["Agency", "Sector", "People", "Joined in the period"]
        assert rows[-2:] == [[], [method_note()]]


def test_the_date_inputs_offer_only_the_allowed_range(login, staff):
    html = login(staff).get(reverse("reports:index")).content.decode()
    # Day, month and year boxes have no min or max: the hint beside each says the range.
    allowed = f"Between 1 January 2000 and {LATEST.day} {LATEST:%B %Y}."
    assert html.count(allowed) == 2
    for name in ("start", "end"):
        for part in ("day", "month", "year"):
            assert f'name="{name}_{part}"' in html


def test_the_date_boxes_work_as_a_get_form_and_links_keep_their_dates(login, staff):
    client = login(staff)
    url = reverse("reports:index")
    start, end = TODAY - 30 * DAY, TODAY - DAY
    boxes = {}
    for name, day in (("start", start), ("end", end)):
        boxes.update({f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year})
    typed = client.get(url, boxes)
    linked = client.get(url, {"start": _iso(start), "end": _iso(end)})
    for response in (typed, linked):
        assert not response.context["form"].errors
        filters = response.context["filters"]
        assert (filters.start, filters.end) == (start, end)
        # The same figures, stored under the same key, whichever way the dates came.
        assert filters.cache_key() == f"start={_iso(start)}&end={_iso(end)}"
        html = response.content.decode()
        assert f'name="start_day" value="{start.day}"' in html
    # A date typed wrong is shown again as typed, beside the message naming it.
    response = client.get(url, {"start_day": "31", "start_month": "2", "start_year": "2026"})
    html = response.content.decode()
    assert "The ‘From’ date must be a real date" in _error_summary(html)
    assert 'name="start_day" value="31"' in html and 'name="start_month" value="2"' in html
    assert response.context["filters"] == default_filters()


def test_a_year_from_29_february_is_28_february():
    assert latest_date(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
    assert latest_date(datetime.date(2026, 12, 1)) == datetime.date(2027, 12, 1)
