"""Each partnership report section against figures counted by hand from the ``world`` fixture
(see conftest.py), with small numbers hidden, the date and agency filters, and CSV exports."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from elearning.accounts.models import Sector
from elearning.reports.suppression import is_hidden

from .helpers import figures_of, rows_by, section, table

pytestmark = pytest.mark.django_db

HIDDEN = "hidden"
PARTNERSHIP_SECTIONS = [
    "people",
    "training-reach",
    "training-sessions",
    "confidence",
    "quizzes",
    "briefings",
    "content-review",
]


@pytest.fixture
def reports(login, staff):
    """``reports(**params)`` opens the reports page as partnership staff."""

    def _open(**params):
        response = login(staff).get(reverse("reports:index"), params)
        assert response.status_code == 200
        return response

    return _open


def _csv(client, slug, table_id, **params) -> list[list[str]]:
    response = client.get(reverse("reports:csv", args=[slug, table_id]), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- Training reach --------------------------------------------------------------------------


def test_training_reach(reports, world):
    result = section(reports(), "training-reach")
    assert figures_of(result) == {
        "People who completed a course": 7,
        "Courses completed": 7,
        "People with a certificate expiring in the next 90 days": 3,
    }
    courses = rows_by(result, "completions-by-course", "course")
    assert courses["Neglect essentials"] == {
        "course": "Neglect essentials",
        "enrolled": 9,
        "completed": 7,
        "expiring": 2,
    }
    # Finished long ago, but the certificate runs out in ten days.
    assert courses["Keeping a chronology"]["completed"] == 0
    assert courses["Keeping a chronology"]["expiring"] == 1
    agencies = rows_by(result, "completions-by-agency", "agency")
    assert agencies["Health Trust"]["completed_people"] == 5
    assert agencies["Health Trust"]["expiring_people"] == HIDDEN  # 2 people
    assert agencies["Hill School"]["completed_people"] == HIDDEN  # 2 people
    assert agencies["Hill School"]["completed"] == HIDDEN
    assert agencies["Hill School"]["expiring_people"] == 0
    assert agencies["Police Force"]["expiring_people"] == HIDDEN
    sectors = rows_by(result, "completions-by-sector", "sector")
    assert sectors["Health"]["completed_people"] == 5
    assert sectors["Education"]["completed_people"] == HIDDEN


def test_training_reach_for_one_agency_hides_its_small_numbers(reports, world):
    result = section(reports(agency=world.health.pk), "training-reach")
    assert figures_of(result) == {
        "People who completed a course": 5,
        "Courses completed": 5,
        "People with a certificate expiring in the next 90 days": None,
    }
    courses = rows_by(result, "completions-by-course", "course")
    assert list(courses) == ["Neglect essentials"]
    assert courses["Neglect essentials"]["enrolled"] == 6
    assert courses["Neglect essentials"]["expiring"] == HIDDEN


# --- Training sessions -----------------------------------------------------------------------


def test_training_sessions(reports, world):
    result = section(reports(), "training-sessions")
    assert figures_of(result) == {
        "Sessions": 2,
        "Places offered": 14,
        "Places filled": 8,  # six confirmed ten days ago, one confirmed, one awaiting approval
        "Share of places filled": "57%",
        "On waiting lists": 1,
        "Did not attend": 2,
        "Share of marked places not attended": "29%",  # 2 of 7 marked
    }
    (course,) = table(result, "sessions-by-course").rows
    assert (course["course"], course["sessions"], course["places"]) == (
        "Multi-agency workshop",
        2,
        14,
    )
    assert (course["filled"], course["filled_percent"], course["waiting"]) == (8, 57, 1)
    agencies = rows_by(result, "attendance-by-agency", "agency")
    assert agencies["Health Trust"] == {
        "agency": "Health Trust",
        "sector": "Health",
        "agency__name": "Health Trust",
        "agency__sector": Sector.HEALTH,
        "people": 6,
        "filled": 6,
        "waiting": 0,
        "attended": 3,
        "partly": 1,
        "no_show": 1,
        "filled_percent": None,
        "no_show_percent": 20,
    }
    # Two people at the school (the cancelled booking does not count): all hidden.
    assert set(agencies["Hill School"].values()) >= {HIDDEN}
    assert agencies["Hill School"]["people"] == HIDDEN
    assert agencies["Hill School"]["no_show"] == HIDDEN
    assert agencies["Police Force"]["attended"] == HIDDEN
    assert rows_by(result, "attendance-by-sector", "sector")["Health"]["no_show_percent"] == 20


def test_training_sessions_for_one_agency_count_its_people_against_all_places(reports, world):
    figures = figures_of(section(reports(agency=world.health.pk), "training-sessions"))
    assert figures["Places offered"] == 14
    assert figures["Places filled"] == 6
    assert figures["Share of places filled"] == "43%"
    assert figures["Share of marked places not attended"] == "20%"
    figures = figures_of(section(reports(agency=world.school.pk), "training-sessions"))
    assert figures["Sessions"] == 2
    assert figures["Places filled"] is None and figures["Did not attend"] is None


def test_sessions_in_the_future_count_once_the_dates_include_them(reports, world):
    end = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    figures = figures_of(section(reports(end=end), "training-sessions"))
    assert (figures["Sessions"], figures["Places offered"], figures["Places filled"]) == (3, 22, 9)


# --- Confidence ------------------------------------------------------------------------------


def test_confidence_before_and_after(reports, world):
    result = section(reports(), "confidence")
    # Five rated 2 then 4, two rated 3 then 3; the police officer's rating is too old.
    assert figures_of(result) == {
        "Responses": 7,
        "Mean confidence before": 2.3,  # 16 / 7
        "Mean confidence after": 3.7,  # 26 / 7
        "Mean change": "+1.4",  # 10 / 7
        "Share whose confidence rose": "71%",
    }
    ratings = rows_by(result, "confidence-ratings", "rating")
    assert (ratings["2"]["before"], ratings["2"]["after"]) == (5, 0)
    assert (ratings["3"]["before"], ratings["3"]["after"]) == (2, 2)
    assert (ratings["4"]["before"], ratings["4"]["after"]) == (0, 5)
    assert ratings["1"]["label"] == "1 – not at all confident"
    changes = {str(r["label"]): r["responses"] for r in table(result, "confidence-change").rows}
    assert changes == {
        "Fell": 0,
        "No change": 2,
        "Rose by 1": 0,
        "Rose by 2": 5,
        "Rose by 3 or more": 0,
    }
    agencies = rows_by(result, "confidence-by-agency", "agency")
    health = agencies["Health Trust"]
    assert (health["responses"], health["before"], health["after"], health["change"]) == (
        5,
        2.0,
        4.0,
        2.0,
    )
    assert agencies["Hill School"]["change"] == HIDDEN
    (course,) = table(result, "confidence-by-course").rows
    assert (course["course"], course["before"], course["after"], course["change"]) == (
        "Neglect essentials",
        2.3,
        3.7,
        1.4,
    )


def test_confidence_for_a_small_agency_hides_every_small_count(reports, world):
    result = section(reports(agency=world.school.pk), "confidence")
    assert set(figures_of(result).values()) == {None}
    ratings = rows_by(result, "confidence-ratings", "rating")
    assert ratings["3"]["before"] == HIDDEN and ratings["3"]["after"] == HIDDEN
    assert ratings["2"]["before"] == 0
    changes = {str(r["label"]): r for r in table(result, "confidence-change").rows}
    assert is_hidden(changes["No change"], "responses")
    result = section(reports(agency=world.health.pk), "confidence")
    ratings = rows_by(result, "confidence-ratings", "rating")
    assert (ratings["2"]["before"], ratings["4"]["after"]) == (5, 5)


# --- Quizzes ---------------------------------------------------------------------------------


def test_quiz_attempts_pass_rates_and_flagged_questions(reports, world):
    result = section(reports(), "quizzes")
    assert figures_of(result) == {
        "People who finished a quiz": 9,
        "Finished attempts": 9,
        "Pass rate": "67%",
        "Questions flagged": 1,
    }
    (quiz,) = table(result, "attempts-by-quiz").rows
    assert (quiz["quiz"], quiz["attempts"], quiz["passed"], quiz["pass_rate"]) == (
        "Sam's story",
        9,
        6,
        67,
    )
    agencies = rows_by(result, "attempts-by-agency", "agency")
    assert (agencies["Health Trust"]["attempts"], agencies["Health Trust"]["pass_rate"]) == (6, 83)
    assert agencies["Hill School"]["pass_rate"] == HIDDEN
    # Everyone who reached the check-in (six people) ticked the right signs: too easy. The
    # drift question was answered wrongly by all three who reached it, but three is too few.
    (flagged,) = table(result, "flagged-questions").rows
    assert flagged["text"] == "Which of these are indicators of neglect?"
    assert flagged["stage"] == "Three months later"
    assert (flagged["responses"], flagged["facility"], flagged["discrimination"]) == (6, 100, None)
    assert "Almost everyone answers correctly" in flagged["flags"]


def test_quiz_questions_are_not_analysed_for_fewer_than_five_people(reports, world):
    result = section(reports(agency=world.school.pk), "quizzes")
    assert table(result, "flagged-questions").rows == []
    assert figures_of(result)["Pass rate"] is None


# --- Briefings and content -------------------------------------------------------------------


def test_briefing_team_uses(reports, world):
    result = section(reports(), "briefings")
    assert figures_of(result) == {
        "Team uses recorded": 3,
        "People taking part": 13,
        "Briefings used": 2,
    }
    agencies = rows_by(result, "team-uses-by-agency", "agency")
    assert (agencies["Health Trust"]["uses"], agencies["Health Trust"]["attendees"]) == (2, 10)
    assert agencies["Hill School"]["uses"] == HIDDEN  # three people took part
    briefings = rows_by(result, "team-uses-by-briefing", "briefing")
    assert briefings["Was not brought"]["uses"] == 2
    assert briefings["Was not brought"]["attendees"] == 9
    assert briefings["Was not brought"]["agencies"] == 2
    assert briefings["Case drift"]["attendees"] == 4
    result = section(reports(agency=world.school.pk), "briefings")
    assert figures_of(result)["Team uses recorded"] is None
    assert rows_by(result, "team-uses-by-briefing", "briefing")["Was not brought"]["uses"] == (
        HIDDEN
    )


def test_content_due_for_review_by_owner(reports, world):
    result = section(reports(), "content-review")
    assert figures_of(result) == {
        "Published library pages": 5,
        "Past their review date": 1,
        "Due for review in the next 30 days": 2,
    }
    owners = rows_by(result, "review-by-owner", "owner")
    assert [owners["Olive Owner"][k] for k in ("pages", "past", "due")] == [3, 1, 1]
    assert [owners["No owner"][k] for k in ("pages", "past", "due")] == [2, 0, 1]
    pages = [(r["title"], str(r["status"])) for r in table(result, "pages-due-for-review").rows]
    assert pages == [
        ("Overdue guide", "Past its review date"),
        ("Due guide", "Due for review"),
        ("Was not brought", "Due for review"),
    ]
    # Only pages owned by the chosen agency's people: nobody at the school owns any.
    figures = figures_of(section(reports(agency=world.school.pk), "content-review"))
    assert figures["Published library pages"] == 0


# --- Filters -------------------------------------------------------------------------------


def test_the_date_range_applies_to_every_section(reports, world):
    today = timezone.localdate()
    result = reports(
        start=(today - datetime.timedelta(days=900)).isoformat(),
        end=(today - datetime.timedelta(days=700)).isoformat(),
    )
    # Only the police officer's old course, rating and team use fall in these dates.
    reach = figures_of(section(result, "training-reach"))
    assert reach["People who completed a course"] == 1
    assert reach["People with a certificate expiring in the next 90 days"] == 3  # from today
    confidence = figures_of(section(result, "confidence"))
    assert (confidence["Responses"], confidence["Mean change"]) == (1, "+4.0")
    assert figures_of(section(result, "briefings"))["People taking part"] == 8
    sessions = figures_of(section(result, "training-sessions"))
    assert (sessions["Sessions"], sessions["Share of places filled"]) == (0, "–")
    assert figures_of(section(result, "quizzes"))["Pass rate"] == "–"


def test_a_sector_filter_narrows_every_section(reports, world):
    result = reports(sector=Sector.HEALTH)
    assert figures_of(section(result, "training-reach"))["People who completed a course"] == 5
    assert figures_of(section(result, "quizzes"))["Finished attempts"] == 6
    assert figures_of(section(result, "briefings"))["Team uses recorded"] == 2
    assert figures_of(section(result, "confidence"))["Responses"] == 5


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
    assert figures_of(section(response, "quizzes"))["Finished attempts"] == 9
    assert figures_of(section(response, "briefings"))["Team uses recorded"] == 3


def test_csv_with_bad_filters_is_refused_not_a_file_of_default_figures(login, staff, world):
    url = reverse("reports:csv", args=["training-sessions", "sessions-by-course"])
    response = login(staff).get(url, {"start": "nonsense"})
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    html = response.content.decode()
    assert "The ‘From’ date must be a real date" in html
    assert "Multi-agency workshop" not in html


# --- CSV ---------------------------------------------------------------------------------


def test_every_table_downloads_as_csv_with_the_same_figures(login, staff, world):
    client = login(staff)
    response = client.get(reverse("reports:index"), {"agency": world.health.pk})
    checked = 0
    for found, result in response.context["sections"]:
        if found.slug not in PARTNERSHIP_SECTIONS:
            continue
        for each in result.tables:
            rows = _csv(client, found.slug, each.id, agency=world.health.pk)
            assert rows[0] == [str(heading) for _, heading in each.columns]
            expected = [
                [
                    "fewer than 5"
                    if is_hidden(row, key)
                    else ("" if row.get(key) is None else str(row[key]))
                    for key, _ in each.columns
                ]
                for row in each.rows
            ]
            assert rows[1:] == expected, (found.slug, each.id)
            checked += 1
    assert checked == 20


def test_csv_of_attendance_by_agency(login, staff, world):
    rows = _csv(login(staff), "training-sessions", "attendance-by-agency")
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
    by_agency = {row[0]: row for row in rows[1:]}
    assert by_agency["Health Trust"] == [
        "Health Trust",
        "Health",
        "6",
        "6",
        "0",
        "3",
        "1",
        "1",
        "20",
    ]
    assert by_agency["Hill School"][2:] == ["fewer than 5"] * 7


def test_csv_neutralises_formulas_in_titles(login, staff, world):
    world.quiz.title = '=HYPERLINK("http://example.com")'
    world.quiz.save_revision().publish()
    rows = _csv(login(staff), "quizzes", "attempts-by-quiz")
    assert rows[1][0].startswith("'=HYPERLINK")


# --- Who sees what -----------------------------------------------------------------------------


def test_partnership_admins_see_every_section(login, partnership_admin, world):
    response = login(partnership_admin).get(reverse("reports:index"))
    slugs = [s.slug for s, _ in response.context["sections"]]
    assert slugs[: len(PARTNERSHIP_SECTIONS)] == PARTNERSHIP_SECTIONS
    rows = _csv(login(partnership_admin), "briefings", "team-uses-by-briefing")
    assert len(rows) == 3


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
