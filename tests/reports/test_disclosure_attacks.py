"""Every section tried as a curious member of staff would try it: a sector minus its visible
agencies, a total minus its rows, a report narrowed to a small agency, two overlapping date
ranges, and the CSV file beside the page, on the ``sector_world`` fixture (conftest.py)."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from elearning.accounts.models import Sector
from elearning.reports.disclosure import WITHHELD, Kind, csv_value, method_note
from tests.supervision.factories import propose

from .helpers import csv_rows, page_results
from .helpers import table as table_of

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
SECTIONS_ABOUT_PEOPLE = [
    "people",
    "training-reach",
    "training-sessions",
    "confidence",
    "impact",
    "quizzes",
    "briefings",
    "supervision",
    "neglect-toolkit",
]


def _range(value) -> range:
    """Every true count of people that could have been published as ``value``."""
    if value is WITHHELD:
        return range(1, 5)
    if value == 0:
        return range(0, 1)
    return range(max(5, value - 2), value + 3)


def _possible(whole, parts, hidden) -> set[int]:
    """What the hidden part could be, given the published whole and the other parts."""
    others = [_range(v) for v in parts]
    low = _range(whole).start - sum(r.stop - 1 for r in others)
    high = _range(whole).stop - 1 - sum(r.start for r in others)
    return set(range(low, high + 1)) & set(_range(hidden))


# Tables by sector beside tables by agency, and the count of people in both.
SECTOR_PAIRS = [
    ("people", "by-sector", "by-agency", "people"),
    ("training-reach", "completions-by-sector", "completions-by-agency", "completed_people"),
    ("training-sessions", "attendance-by-sector", "attendance-by-agency", "people"),
    ("quizzes", "attempts-by-sector", "attempts-by-agency", "people"),
    ("briefings", "team-uses-by-sector", "team-uses-by-agency", "attendees"),
]


@pytest.mark.parametrize(("slug", "sector_table", "agency_table", "key"), SECTOR_PAIRS)
def test_a_sector_minus_its_visible_agencies_does_not_give_the_hidden_one(
    login, sector_world, slug, sector_table, agency_table, key
):
    result = page_results(login(sector_world.staff))[slug]
    health = next(r for r in table_of(result, sector_table).rows if str(r["sector"]) == "Health")
    agencies = {
        str(r["agency"]): r[key]
        for r in table_of(result, agency_table).rows
        if str(r["sector"]) == "Health"
    }
    assert agencies["Riverside Clinic"] is WITHHELD
    assert isinstance(agencies["City Hospital"], int)
    possible = _possible(health[key], [agencies["City Hospital"]], agencies["Riverside Clinic"])
    assert len(possible) >= 2, f"{slug}: the clinic's figure can be worked out: {possible}"


@pytest.mark.parametrize(
    ("slug", "figure", "agency_table", "key"),
    [
        ("people", "People with accounts", "by-agency", "people"),
        (
            "training-reach",
            "People who completed a course",
            "completions-by-agency",
            "completed_people",
        ),
        ("quizzes", "People who finished a quiz", "attempts-by-agency", "people"),
        (
            "supervision",
            "Supervisees with a current agreement",
            "frequency-by-agency",
            "supervisees",
        ),
        ("confidence", "Responses", "confidence-by-agency", "responses"),
    ],
)
def test_a_total_minus_its_visible_rows_does_not_give_the_hidden_one(
    login, sector_world, slug, figure, agency_table, key
):
    result = page_results(login(sector_world.staff))[slug]
    total = next(f.value for f in result.figures if str(f.label) == figure)
    rows = {str(r["agency"]): r[key] for r in table_of(result, agency_table).rows}
    assert rows["Riverside Clinic"] is WITHHELD
    visible = [value for name, value in rows.items() if name != "Riverside Clinic"]
    possible = _possible(total, visible, rows["Riverside Clinic"])
    assert len(possible) >= 2, f"{slug}: the clinic's figure can be worked out: {possible}"


def test_every_published_count_is_zero_withheld_or_a_multiple_of_5(login, sector_world):
    checked = 0
    for slug, result in page_results(login(sector_world.staff)).items():
        if slug == "content-review":
            continue
        cells = [(f.kind, f.value) for f in result.figures]
        for table in result.tables:
            kinds = {column.key: column.kind for column in table.columns}
            cells += [(kinds[k], v) for row in table.rows for k, v in row.items() if k in kinds]
        for kind, value in cells:
            if kind == Kind.COUNT:
                checked += 1
                assert value is WITHHELD or value % 5 == 0, (slug, value)
                assert value not in (1, 2, 3, 4)
            elif kind in (Kind.PERCENT, Kind.MEAN, Kind.CHANGE, Kind.INDEX) and value is not None:
                assert value is WITHHELD or isinstance(value, int | float)
    assert checked > 100


def test_hand_counts_after_rounding(login, sector_world):
    results = page_results(login(sector_world.staff))
    reach = results["training-reach"]
    agencies = {str(r["agency"]): r for r in table_of(reach, "completions-by-agency").rows}
    assert agencies["City Hospital"]["completed_people"] == 20  # 22, rounded
    assert agencies["Hill School"]["completed_people"] == 5  # 7, rounded
    assert agencies["Riverside Clinic"]["completed_people"] is WITHHELD  # 3
    sessions = results["training-sessions"]
    by_agency = {str(r["agency"]): r for r in table_of(sessions, "attendance-by-agency").rows}
    assert by_agency["City Hospital"]["no_show"] == 0
    assert by_agency["City Hospital"]["no_show_percent"] is not WITHHELD  # 22 people
    assert by_agency["City Hospital"]["no_show_percent"] == 0
    assert by_agency["Hill School"]["no_show"] is WITHHELD  # 2 did not come
    assert by_agency["Hill School"]["no_show_percent"] is WITHHELD  # 7 people, fewer than 20
    figures = {str(f.label): f.value for f in sessions.figures}
    # 5 of 32 did not come: 16%, worked out before the 32 is rounded to 30.
    assert figures["Share of marked places not attended"] == 16
    assert figures["People booked"] == 30
    quizzes = {str(r["agency"]): r for r in table_of(results["quizzes"], "attempts-by-agency").rows}
    assert quizzes["City Hospital"]["pass_rate"] == 100
    assert quizzes["Hill School"]["pass_rate"] is WITHHELD
    supervision = {str(f.label): f.value for f in results["supervision"].figures}
    assert supervision["Supervisees with a current agreement"] == 30  # 31, rounded
    assert supervision["Records held in the period"] == 30  # 31, rounded


def test_narrowed_to_a_small_agency_no_section_about_people_shows_figures(login, sector_world):
    client = login(sector_world.staff)
    results = page_results(client, agency=sector_world.clinic.pk)
    for slug in SECTIONS_ABOUT_PEOPLE:
        assert "Fewer than 20 people" in results[slug].withheld, slug
        assert not results[slug].figures and not results[slug].tables
    # Pages are not figures about people: the content review still shows.
    assert not results["content-review"].withheld
    response = client.get(
        reverse("reports:csv", args=["training-reach", "completions-by-agency"]),
        {"agency": sector_world.clinic.pk},
    )
    assert response.status_code == 404
    # The same for a sector of fewer than 20 people, and for the page as people read it.
    html = client.get(reverse("reports:index"), {"sector": Sector.EDUCATION}).content.decode()
    assert html.count("Fewer than 20 people are counted") == len(SECTIONS_ABOUT_PEOPLE)


def test_narrowed_to_the_large_agency_figures_are_shown_rounded(login, sector_world):
    results = page_results(login(sector_world.staff), agency=sector_world.hospital.pk)
    people = {str(f.label): f.value for f in results["people"].figures}
    assert people["People with accounts"] == 20  # 22
    quiz = {str(f.label): f.value for f in results["quizzes"].figures}
    assert quiz["Pass rate"] == 100
    supervision = {str(f.label): f.value for f in results["supervision"].figures}
    assert supervision["Supervisees with a current agreement"] == 20  # 21


def test_two_overlapping_date_ranges_do_not_give_the_person_who_finished_between(
    login, sector_world
):
    client = login(sector_world.staff)
    today = timezone.localdate()
    start = (today - 30 * DAY).isoformat()
    before = page_results(client, start=start, end=(today - DAY).isoformat())
    after = page_results(client, start=start, end=today.isoformat())
    label = "People who completed a course"
    a = next(f.value for f in before["training-reach"].figures if str(f.label) == label)
    b = next(f.value for f in after["training-reach"].figures if str(f.label) == label)
    # 31 then 32 people: both published as 30, so nothing says anyone finished today.
    assert (a, b) == (30, 30)
    between = {y - x for x in _range(a) for y in _range(b)}
    assert {0, 1} <= between

    # A one-day range shows no exact count: one record was held six days ago.
    day = (today - 6 * DAY).isoformat()
    one_day = page_results(client, start=day, end=day)
    held = next(
        f.value
        for f in one_day["supervision"].figures
        if str(f.label) == "Records held in the period"
    )
    assert held is WITHHELD


def test_every_csv_file_holds_the_figures_of_the_page_and_the_method(login, sector_world):
    client = login(sector_world.staff)
    results = page_results(client)
    checked = 0
    for slug, result in results.items():
        for table in result.tables:
            rows = csv_rows(client, slug, table.id)
            assert rows[0] == [str(column.heading) for column in table.columns]
            body = rows[1:-2]
            expected = [
                [str(csv_value(row.get(column.key))) for column in table.columns]
                for row in table.rows
            ]
            assert body == expected, (slug, table.id)
            assert rows[-2:] == [[], [method_note()]]
            checked += 1
    assert checked >= 15
    page = client.get(reverse("reports:index")).content.decode()
    assert page.count("[c] marks a figure withheld") == 1


def test_a_supervisors_team_view_needs_20_supervisees(login, sector_world):
    small = page_results(login(sector_world.small_team))
    assert list(small) == ["supervision"]
    assert "Fewer than 20 people" in small["supervision"].withheld
    large = page_results(login(sector_world.team_lead))
    figures = {str(f.label): f.value for f in large["supervision"].figures}
    assert figures["Supervisees with a current agreement"] == 20  # 21
    assert figures["Records held in the period"] == 20  # 21


def test_proposals_nobody_accepted_do_not_open_a_supervisors_team_view(login, sector_world):
    # The small team's supervisor proposes agreements to 15 more people, who never answer:
    # proposals grant nothing, so they do not count towards the 20 either.
    for user in sector_world.h[:15]:
        propose(user, sector_world.small_team)
    result = page_results(login(sector_world.small_team))["supervision"]
    assert "Fewer than 20 people" in result.withheld
    assert not result.figures and not result.tables


def test_a_team_view_narrowed_to_an_agency_counts_only_that_agencys_supervisees(
    login, sector_world
):
    client = login(sector_world.team_lead)
    # The team lead supervises 21 at the hospital and nobody at the school.
    hospital = page_results(client, agency=sector_world.hospital.pk)["supervision"]
    assert not hospital.withheld and hospital.figures
    school = page_results(client, agency=sector_world.school.pk)["supervision"]
    assert "Fewer than 20 people" in school.withheld
    education = page_results(client, sector=Sector.EDUCATION)["supervision"]
    assert "Fewer than 20 people" in education.withheld


def test_the_course_drill_down_narrows_the_training_sections_to_one_course(login, sector_world):
    client = login(sector_world.staff)
    results = page_results(client, course=sector_world.workshop.pk)
    assert list(results) == ["training-reach", "training-sessions", "confidence", "impact"]
    courses = table_of(results["training-sessions"], "sessions-by-course").rows
    assert [str(row["course"]) for row in courses] == ["Multi-agency workshop"]
    # Nobody completed the workshop (it has no certificate), so training reach shows none.
    reach = {str(f.label): f.value for f in results["training-reach"].figures}
    assert reach["People who completed a course"] == 0
    # From the whole page, each course's name links to its drill-down, with the same dates.
    cache.clear()
    html = client.get(reverse("reports:index"), {"start": "2026-01-01"}).content.decode()
    assert f"course={sector_world.workshop.pk}" in html
    assert "start=2026-01-01" in html


def test_the_old_training_report_addresses_lead_to_the_drill_down(login, sector_world):
    client = login(sector_world.staff)
    response = client.get(reverse("courses:report_course", args=[sector_world.workshop.pk]))
    assert response.status_code == 301
    assert response["Location"] == (
        f"{reverse('reports:index')}?course={sector_world.workshop.pk}#training-sessions"
    )
