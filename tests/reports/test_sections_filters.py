"""The report filters (dates, agency, sector) across every section, the CSV file of every
table beside the page, and who sees which section, on the hand-counted ``world`` fixture (see
conftest.py and test_sections.py)."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from elearning.accounts.models import Sector
from elearning.reports.disclosure import method_note

from .helpers import (
    HIDDEN,
    PARTNERSHIP_SECTIONS,
    RATES_FOR_FIVE,
    TABLES,
    assert_withheld,
    csv_cell,
    csv_rows,
    figures_of,
    rows_by,
    section,
)

pytestmark = pytest.mark.django_db


# --- Filters -------------------------------------------------------------------------------


# The police officer's rating is the only one in these dates: with the threshold at 1 its
# mean change is shown, proving it is the one counted.
@override_settings(REPORTS_MIN_PEOPLE_FOR_RATES=1)
def test_the_date_range_applies_to_every_section(reports, world):
    today = timezone.localdate()
    result = reports(
        start=(today - datetime.timedelta(days=900)).isoformat(),
        end=(today - datetime.timedelta(days=700)).isoformat(),
    )
    # Only the police officer's old course, rating and team use fall in these dates.
    reach = section(result, "training-reach")
    assert figures_of(reach)["People who completed a course"] == HIDDEN  # 1
    # Expiring certificates are counted from today: h[0..1]'s (2) and p's (1).
    assert figures_of(reach)["People with a certificate expiring in the next 90 days"] == HIDDEN
    courses = rows_by(reach, "completions-by-course", "course")
    assert courses["Neglect essentials"] == {
        "course": "Neglect essentials",
        "enrolled": 0,
        "completed": 0,
        "expiring": HIDDEN,  # 2, from today whatever the dates
    }
    confidence = figures_of(section(result, "confidence"))
    assert (confidence["Responses"], confidence["Mean change"]) == (HIDDEN, 4.0)  # 1; 5 - 1
    assert figures_of(section(result, "briefings"))["People taking part"] == 10  # 8, rounded
    sessions = figures_of(section(result, "training-sessions"))
    assert (sessions["Sessions"], sessions["Share of places filled"]) == (0, None)
    assert figures_of(section(result, "quizzes"))["Pass rate"] is None


def test_a_sector_filter_withholds_every_section_about_people(reports, world):
    response = reports(sector=Sector.HEALTH)
    for found, result in response.context["sections"]:
        if found.slug == "content-review":
            # Pages owned by the sector's people (Olive's three guides), never withheld.
            assert figures_of(result)["Published library pages"] == 3
        else:
            assert_withheld(result)


@RATES_FOR_FIVE
def test_a_sector_filter_narrows_every_section(reports, world):
    # With the threshold at 5 the health sector (h[0..5], Olive and the staff member: 8
    # people) is shown.
    result = reports(sector=Sector.HEALTH)
    reach = figures_of(section(result, "training-reach"))
    assert reach["People who completed a course"] == 5  # 5
    assert figures_of(section(result, "quizzes"))["Finished attempts"] == 5  # 6, not 9
    briefings = figures_of(section(result, "briefings"))
    assert briefings["Team uses recorded"] == HIDDEN  # 2
    assert briefings["People taking part"] == 10  # 6 + 4, not 13
    assert figures_of(section(result, "confidence"))["Responses"] == 5  # 5, not 7
    agencies = rows_by(section(result, "training-sessions"), "attendance-by-agency", "agency")
    assert "Health Trust" in agencies and "Hill School" not in agencies


@pytest.mark.parametrize(
    "params, message",
    [
        ({"start": "2026-02-30"}, "The ‘From’ date must be a real date"),
        ({"end": "yesterday"}, "The ‘To’ date must be a real date"),
        ({"agency": "abc"}, "Choose an agency from the list"),
        ({"sector": "<script>"}, "Choose a sector from the list"),
        ({"agency": "health", "sector": "health"}, "Choose an agency or a sector, not both"),
        ({"start": "2026-06-01", "end": "2026-01-01"}, "must be the same as or after"),
    ],
)
def test_bad_filters_show_a_message_and_the_default_figures(reports, world, params, message):
    if params.get("agency") == "health":
        params = {**params, "agency": world.health.pk}
    response = reports(**params)
    assert message in response.content.decode()
    assert figures_of(section(response, "training-sessions"))["Sessions"] == 2
    assert figures_of(section(response, "quizzes"))["Finished attempts"] == 10  # 9, rounded
    briefings = figures_of(section(response, "briefings"))
    assert briefings["Team uses recorded"] == HIDDEN  # 3
    assert briefings["People taking part"] == 15  # 13, rounded


def test_csv_with_bad_filters_is_refused_not_a_file_of_default_figures(login, staff, world):
    url = reverse("reports:csv", args=["training-sessions", "sessions-by-course"])
    response = login(staff).get(url, {"start": "nonsense"})
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    html = response.content.decode()
    assert "The ‘From’ date must be a real date" in html
    # No figures at all (the course's name is only in the filter form's list of courses).
    assert "govuk-table" not in html and "app-figure" not in html


# --- CSV ---------------------------------------------------------------------------------


def test_every_table_downloads_as_csv_with_the_same_figures(login, staff, world):
    client = login(staff)
    response = client.get(reverse("reports:index"))
    found_tables = {}
    for found, result in response.context["sections"]:
        if found.slug not in PARTNERSHIP_SECTIONS:
            continue
        found_tables[found.slug] = [each.id for each in result.tables]
        for each in result.tables:
            rows = csv_rows(client, found.slug, each.id)
            assert rows[0] == [str(column.heading) for column in each.columns]
            expected = [
                [csv_cell(row.get(column.key)) for column in each.columns] for row in each.rows
            ]
            assert rows[1:-2] == expected, (found.slug, each.id)
            assert rows[-2:] == [[], [method_note()]]
    assert found_tables == TABLES


def test_csv_for_one_agency_has_only_the_tables_the_page_shows(login, staff, world):
    client = login(staff)
    params = {"agency": world.health.pk}
    response = client.get(reverse("reports:index"), params)
    for found, result in response.context["sections"]:
        if found.slug not in PARTNERSHIP_SECTIONS:
            continue
        if found.slug == "content-review":
            for each in result.tables:
                rows = csv_rows(client, found.slug, each.id, **params)
                expected = [[csv_cell(row.get(c.key)) for c in each.columns] for row in each.rows]
                assert rows[1:-2] == expected
        else:
            # A withheld section has no tables, so nothing to download.
            assert result.tables == []
            for table_id in TABLES[found.slug]:
                url = reverse("reports:csv", args=[found.slug, table_id])
                assert client.get(url, params).status_code == 404


def test_csv_of_attendance_by_agency(login, staff, world):
    rows = csv_rows(login(staff), "training-sessions", "attendance-by-agency")
    assert rows[0] == [
        "Agency",
        "Sector",
        "People booked",
        "Places filled",
        "Waiting list",
        "Attended",
        "Partly attended",
        "Did not attend",
        "Did not attend (%)",
    ]
    by_agency = {row[0]: row for row in rows[1:-2]}
    assert by_agency["Health Trust"] == [
        "Health Trust",
        "Health",
        "5",  # 6 people, rounded
        "5",  # 6 places, rounded
        "0",
        "[c]",  # 3
        "[c]",  # 1
        "[c]",  # 1
        "[c]",  # 1 of 5, but only 6 people
    ]
    assert by_agency["Hill School"][2:] == ["[c]"] * 7
    assert rows[-2:] == [[], [method_note()]]


def test_csv_neutralises_formulas_in_titles(login, staff, world):
    world.quiz.title = '=HYPERLINK("http://example.com")'
    world.quiz.save_revision().publish()
    rows = csv_rows(login(staff), "quizzes", "attempts-by-quiz")
    assert rows[1][0].startswith("'=HYPERLINK")


# --- Who sees what -----------------------------------------------------------------------------


def test_partnership_admins_see_every_section(login, partnership_admin, world):
    response = login(partnership_admin).get(reverse("reports:index"))
    slugs = [s.slug for s, _ in response.context["sections"]]
    assert slugs[: len(PARTNERSHIP_SECTIONS)] == PARTNERSHIP_SECTIONS
    rows = csv_rows(login(partnership_admin), "briefings", "team-uses-by-briefing")
    assert [row[0] for row in rows[1:-2]] == ["Case drift", "Was not brought"]
    assert rows[-2:] == [[], [method_note()]]


@pytest.mark.parametrize(
    "slug, table_id",
    [
        ("training-reach", "completions-by-agency"),
        ("training-sessions", "attendance-by-agency"),
        ("confidence", "confidence-by-agency"),
        ("quizzes", "flagged-questions"),
        ("briefings", "team-uses-by-agency"),
        ("content-review", "review-by-owner"),
    ],
)
def test_practitioners_and_supervisors_cannot_download_partnership_tables(
    login, practitioner, supervisor, world, slug, table_id
):
    url = reverse("reports:csv", args=[slug, table_id])
    assert login(practitioner).get(url).status_code == 404
    assert login(supervisor).get(url).status_code == 404


def test_supervisors_see_none_of_the_partnership_sections(login, supervisor, world):
    response = login(supervisor).get(reverse("reports:index"))
    assert response.status_code == 200
    slugs = {s.slug for s, _ in response.context["sections"]}
    assert slugs.isdisjoint(PARTNERSHIP_SECTIONS)
    assert all(s.team_view for s, _ in response.context["sections"])
    html = response.content.decode()
    assert "Training reach" not in html and "Scenario quizzes" not in html


def test_practitioners_cannot_open_the_reports(login, practitioner, world):
    assert login(practitioner).get(reverse("reports:index")).status_code == 404
