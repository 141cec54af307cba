import csv
import datetime
import io
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from courses.models import Booking
from elearning.accounts.models import Sector
from elearning.core.volume import VOLUME_SEEDERS
from elearning.reports.filters import default_filters
from elearning.reports.sections import get_section
from elearning.reports.suppression import suppress_rows, suppressed
from quizzes.models import Attempt

from .helpers import figures_of, section, table

pytestmark = pytest.mark.django_db


def test_suppression_rules():
    assert [suppressed(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]
    rows = suppress_rows(
        [{"people": 3, "rate": 50}, {"people": 7, "rate": 20}], "people", ("rate",)
    )
    assert rows[0] == {
        "people": None,
        "rate": None,
        "suppressed": True,
        "hidden": {"people", "rate"},
    }
    assert rows[1]["people"] == 7 and rows[1]["rate"] == 20 and not rows[1]["suppressed"]


def test_people_figures_match_hand_counts_and_small_numbers_are_hidden(login, staff, people):
    response = login(staff).get(reverse("reports:index"))
    assert response.status_code == 200
    result = section(response, "people")
    figures = figures_of(result)
    # 10 fixture people plus the staff member (in their own agency).
    assert figures["People with accounts"] == 11
    assert figures["Joined in the period"] == 10
    by_agency = {r["agency"]: r for r in table(result, "by-agency").rows}
    assert by_agency["Health Trust"]["people"] == 6
    assert by_agency["Hill School"]["people"] is None and by_agency["Hill School"]["suppressed"]
    assert by_agency["Police Force"]["people"] is None
    html = response.content.decode()
    assert "fewer than 5" in html
    assert 'role="img"' in html and "<figcaption" in html


def test_agency_filter_and_date_range(login, staff, people):
    url = reverse("reports:index")
    response = login(staff).get(url, {"agency": people["health"].pk})
    figures = figures_of(section(response, "people"))
    assert figures["People with accounts"] == 6
    start = (timezone.localdate() - datetime.timedelta(days=900)).isoformat()
    end = (timezone.localdate() - datetime.timedelta(days=700)).isoformat()
    response = login(staff).get(url, {"start": start, "end": end})
    figures = figures_of(section(response, "people"))
    assert figures["Joined in the period"] == 1


def test_sector_filter(login, staff, people):
    response = login(staff).get(reverse("reports:index"), {"sector": Sector.HEALTH})
    figures = figures_of(section(response, "people"))
    # Six in the health trust plus the staff member, whose factory agency is in health.
    assert figures["People with accounts"] == 7
    response = login(staff).get(reverse("reports:index"), {"sector": Sector.EDUCATION})
    figures = figures_of(section(response, "people"))
    assert figures["People with accounts"] is None  # three people: too few to show


def test_csv_export_carries_the_same_figures_and_suppression(login, staff, people):
    url = reverse("reports:csv", args=["people", "by-agency"])
    response = login(staff).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Agency", "People", "Joined in the period"]
    by_agency = {r[0]: r for r in rows[1:]}
    assert by_agency["Health Trust"][1] == "6"
    assert by_agency["Hill School"][1] == "fewer than 5"


def test_csv_refuses_unknown_sections_and_tables(login, staff):
    client = login(staff)
    assert client.get(reverse("reports:csv", args=["nope", "by-agency"])).status_code == 404
    assert client.get(reverse("reports:csv", args=["people", "nope"])).status_code == 404


def test_practitioners_cannot_find_reports(login, practitioner):
    client = login(practitioner)
    assert client.get(reverse("reports:index")).status_code == 404
    assert client.get(reverse("reports:csv", args=["people", "by-agency"])).status_code == 404
    assert "Reports" not in client.get(reverse("dashboard")).content.decode()


def test_supervisors_do_not_see_partnership_wide_sections(login, supervisor, people):
    response = login(supervisor).get(reverse("reports:index"))
    assert response.status_code == 200
    assert all(s.slug != "people" for s, _ in response.context["sections"])
    csv_url = reverse("reports:csv", args=["people", "by-agency"])
    assert login(supervisor).get(csv_url).status_code == 404


# Queries each section makes, whatever the volume: one per table of aggregates, and for the
# quiz section one more for the latest wording of the questions analysed.
SECTION_QUERIES = {
    "people": 3,
    "training-reach": 3,
    "training-sessions": 3,
    "confidence": 3,
    "quizzes": 4,
    "briefings": 2,
    "content-review": 2,
}


def _grow():
    """Much more of everything, from the volume seeders at a small scale: 200 people, 2,000
    quiz attempts, 600 steps worked through, 20 sessions with their bookings, 30 team uses."""
    rng = random.Random(2026)
    for dotted in VOLUME_SEEDERS:
        import_string(dotted)(0.01, rng)


def test_report_query_count_does_not_grow_with_volume(
    login, staff, world, django_assert_num_queries
):
    client = login(staff)
    url = reverse("reports:index")
    client.get(url)  # the site and content types are cached from here on

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def each_section_within_budget():
        filters = default_filters()
        for slug, expected in SECTION_QUERIES.items():
            with django_assert_num_queries(expected):
                get_section(slug).compute(filters, staff)

    few = page_queries()
    each_section_within_budget()
    attempts, bookings = Attempt.objects.count(), Booking.objects.count()
    _grow()
    assert Attempt.objects.count() > 100 * attempts
    assert Booking.objects.count() > 20 * bookings
    assert page_queries() == few
    each_section_within_budget()


def test_headline_figures_are_suppressed_when_narrowed_to_a_small_agency(login, staff, people):
    response = login(staff).get(reverse("reports:index"), {"agency": people["school"].pk})
    figures = figures_of(section(response, "people"))
    assert figures["People with accounts"] is None
    assert figures["Joined in the period"] is None
