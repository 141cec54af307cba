import csv
import datetime
import io
import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from courses.models import Booking
from elearning.accounts.models import Sector
from elearning.reports.disclosure import method_note
from elearning.reports.filters import default_filters
from elearning.reports.sections import get_section
from quizzes.models import Attempt
from seeding.volume import VOLUME_SEEDERS

from .helpers import HIDDEN, figures_of, rows_by, section

pytestmark = pytest.mark.django_db


def test_people_figures_match_hand_counts_and_small_numbers_are_hidden(login, staff, people):
    response = login(staff).get(reverse("reports:index"))
    assert response.status_code == 200
    result = section(response, "people")
    # 10 fixture people plus the staff member (in their own agency): 11, rounded to the
    # nearest 5. Everyone but the police officer joined in the period: 10.
    assert figures_of(result) == {
        "People with accounts": 10,
        "Joined in the period": 10,
        "Agencies": 4,  # not about people: as counted
    }
    by_agency = rows_by(result, "by-agency", "agency")
    assert by_agency["Health Trust"]["people"] == 5  # 6, rounded
    assert by_agency["Hill School"]["people"] == HIDDEN  # 3
    assert by_agency["Police Force"]["people"] == HIDDEN  # 1
    assert by_agency["Police Force"]["joined"] == HIDDEN  # 0 joined, but of 1 person
    by_sector = rows_by(result, "by-sector", "sector")
    assert by_sector["Health"]["people"] == 5  # 6 and the staff member's 1: 7, rounded
    assert by_sector["Education"]["people"] == HIDDEN  # 3
    html = response.content.decode()
    assert "[c]" in html and 'id="method-note"' in html
    assert 'class="app-chart"' in html and "<figcaption" in html


def test_agency_filter_and_date_range(login, staff, people):
    url = reverse("reports:index")
    response = login(staff).get(url, {"agency": people["health"].pk})
    # Six people: too few for any figure about them.
    result = section(response, "people")
    assert result.withheld.startswith("Fewer than 20 people are counted for these filters")
    assert result.figures == [] and result.tables == []
    start = (timezone.localdate() - datetime.timedelta(days=900)).isoformat()
    end = (timezone.localdate() - datetime.timedelta(days=700)).isoformat()
    response = login(staff).get(url, {"start": start, "end": end})
    result = section(response, "people")
    assert figures_of(result)["Joined in the period"] == HIDDEN  # 1
    # The one who joined then is the police officer.
    by_agency = rows_by(result, "by-agency", "agency")
    assert by_agency["Police Force"]["joined"] == HIDDEN  # 1
    assert by_agency["Health Trust"]["joined"] == 0


def test_sector_filter(login, staff, people, settings):
    url = reverse("reports:index")
    for sector in (Sector.HEALTH, Sector.EDUCATION):
        result = section(login(staff).get(url, {"sector": sector}), "people")
        assert result.withheld.startswith("Fewer than 20 people are counted")
        assert result.figures == [] and result.tables == []
    # With the threshold at 5, the health sector (six in the health trust plus the staff
    # member, whose factory agency is in health: 7) is shown; education (3) still is not.
    settings.REPORTS_MIN_PEOPLE_FOR_RATES = 5
    cache.clear()
    result = section(login(staff).get(url, {"sector": Sector.HEALTH}), "people")
    assert figures_of(result)["People with accounts"] == 5  # 7, rounded
    result = section(login(staff).get(url, {"sector": Sector.EDUCATION}), "people")
    assert result.withheld.startswith("Fewer than 5 people are counted")


def test_csv_export_carries_the_same_figures_and_suppression(login, staff, people):
    url = reverse("reports:csv", args=["people", "by-agency"])
    response = login(staff).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Agency", "Sector", "People", "Joined in the period"]
    by_agency = {r[0]: r for r in rows[1:-2]}
    assert by_agency["Health Trust"] == ["Health Trust", "Health", "5", "5"]  # 6 and 6
    assert by_agency["Hill School"] == ["Hill School", "Education", "[c]", "[c]"]  # 3 and 3
    # 1 person, and the 0 who joined rests on that one person.
    assert by_agency["Police Force"] == ["Police Force", "Police", "[c]", "[c]"]
    assert rows[-2:] == [[], [method_note()]]


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
# quiz section one more for the latest wording of the questions analysed (made only when a
# question is analysed). The people section's sector table is summed from its agency rows,
# not queried: one aggregate query and the count of agencies.
SECTION_QUERIES = {
    "people": 2,
    "training-reach": 3,
    "training-sessions": 4,  # places, bookings by course, by agency, no-shows by reason
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


# The quiz section looks up the wording of the questions it analyses only when some question
# was answered by enough people (the threshold for rates). With the threshold at 5 the world's
# check-in question (six people) is analysed, so the same queries are made before and after
# the growth.
@override_settings(REPORTS_MIN_PEOPLE_FOR_RATES=5)
def test_report_query_count_does_not_grow_with_volume(
    login, staff, world, django_assert_num_queries
):
    client = login(staff)
    url = reverse("reports:index")
    client.get(url)  # the site and content types are cached from here on

    def page_queries() -> int:
        # The page's figures are kept in the cache: clear it, so the page works them out.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def each_section_within_budget():
        filters = default_filters()
        for slug, expected in SECTION_QUERIES.items():
            with django_assert_num_queries(expected):
                get_section(slug).compute(filters, staff)

    few = page_queries()
    assert few > sum(SECTION_QUERIES.values())  # the figures were worked out, not read back
    each_section_within_budget()
    attempts, bookings = Attempt.objects.count(), Booking.objects.count()
    _grow()
    assert Attempt.objects.count() > 100 * attempts
    assert Booking.objects.count() > 20 * bookings
    assert page_queries() == few
    each_section_within_budget()


def test_headline_figures_are_withheld_when_narrowed_to_a_small_agency(login, staff, people):
    response = login(staff).get(reverse("reports:index"), {"agency": people["school"].pk})
    result = section(response, "people")
    assert result.withheld == (
        "Fewer than 20 people are counted for these filters, so no figures are shown: they "
        "could identify someone. Choose a wider agency or sector."
    )
    assert result.figures == [] and result.tables == []
    html = response.content.decode()
    people_html = html[html.index('id="people"') :]
    people_html = people_html[: people_html.index("</section>")]
    assert result.withheld in people_html and "app-figure" not in people_html
