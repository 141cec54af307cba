"""Disclosure control: the one function, and every section tried as a curious member of
staff would try it (a sector minus its visible agencies, a total minus its rows, a report
narrowed to a small agency, two overlapping date ranges, the CSV file beside the page).

The partnership in ``sector_world``: in the health sector, City Hospital (22 people) and
Riverside Clinic (3 people); in education, Hill School (7 people). Staff and supervisors
work for the Partnership Office (other sector) and have no learning records of their own.
"""

import csv
import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Attendance, Certificate, DeliveryMode, Enrolment
from elearning.accounts.models import Sector
from elearning.reports import store
from elearning.reports.disclosure import WITHHELD, Kind, csv_value, disclose, method_note
from elearning.reports.filters import default_filters
from elearning.reports.sections.base import percent
from tests.courses.factories import BookingFactory, SessionFactory, make_course
from tests.factories import AgencyFactory, UserFactory, role_user
from tests.library.factories import briefing, team_use
from tests.quizzes.factories import GOOD_PATH, POOR_PATH, attempt_complete, quiz_create
from tests.supervision.factories import make_agreement, make_record

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
SECTIONS_ABOUT_PEOPLE = [
    "people",
    "training-reach",
    "training-sessions",
    "confidence",
    "quizzes",
    "briefings",
    "supervision",
]


# --- The function ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "published"),
    [
        (0, 0),
        (1, WITHHELD),
        (4, WITHHELD),
        (5, 5),
        (7, 5),
        (8, 10),
        (12, 10),
        (13, 15),
        (22, 20),
        (23, 25),
        (1_002, 1_000),
    ],
)
def test_counts_of_people_are_withheld_below_5_and_rounded_to_the_nearest_5(value, published):
    assert disclose(value) == published


def test_a_count_resting_on_fewer_than_5_people_is_withheld_however_large():
    assert disclose(40, people=3) is WITHHELD
    assert disclose(0, people=3) is WITHHELD  # "none of these 3 passed" is about them too
    assert disclose(40, people=5) == 40


def test_shares_and_averages_need_20_people_and_use_the_unrounded_figures():
    # 7 of 22: the published counts (5 of 20) would say 25%; the share is worked out first.
    assert disclose(percent(7, 22), kind=Kind.PERCENT, people=22) == 32
    assert disclose(percent(7, 19), kind=Kind.PERCENT, people=19) is WITHHELD
    assert disclose(3.456, kind=Kind.MEAN, people=20) == 3.5
    assert disclose(-0.25, kind=Kind.INDEX, people=25) == -0.25
    assert disclose(None, kind=Kind.PERCENT, people=0) is None
    assert disclose(3, kind=Kind.PLAIN) == 3  # places, sessions, pages: not about people
    with pytest.raises(ValueError):
        disclose(50.0, kind=Kind.PERCENT)


@override_settings(REPORTS_MIN_PEOPLE_FOR_RATES=10)
def test_the_number_of_people_for_shares_is_configurable():
    assert disclose(50.0, kind=Kind.PERCENT, people=10) == 50
    assert disclose(50.0, kind=Kind.PERCENT, people=9) is WITHHELD
    assert "at least 10 people" in method_note()


def test_the_marker_is_one_and_the_same_everywhere():
    import pickle

    assert str(WITHHELD) == "[c]"
    assert csv_value(WITHHELD) == "[c]"
    assert pickle.loads(pickle.dumps(WITHHELD)) is WITHHELD


# --- A partnership with a sector of one large and one small agency ---------------------------


def _enrol_and_certify(user, course, *, completed_days_ago):
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        user=user,
        course=course,
        agency=user.agency,
        enrolled_at=now - 40 * DAY,
        confidence_before=2,
        confidence_after=4,
        evaluated_at=now - completed_days_ago * DAY,
    )
    Certificate.objects.create(
        enrolment=enrolment,
        agency=user.agency,
        learner_name=user.get_full_name(),
        course_title=course.title,
        cpd_hours=1,
        completed_on=timezone.localdate() - completed_days_ago * DAY,
        expires_on=timezone.localdate() + 1000 * DAY,
    )


@pytest.fixture
def sector_world(db):
    hospital = AgencyFactory(name="City Hospital", sector=Sector.HEALTH)
    clinic = AgencyFactory(name="Riverside Clinic", sector=Sector.HEALTH)
    school = AgencyFactory(name="Hill School", sector=Sector.EDUCATION)
    office = AgencyFactory(name="Partnership Office", sector=Sector.OTHER)
    h = [UserFactory(agency=hospital) for _ in range(22)]
    c = [UserFactory(agency=clinic) for _ in range(3)]
    s = [UserFactory(agency=school) for _ in range(7)]
    learners = [*h, *c, *s]
    staff = role_user("staff", agency=office)
    team_lead = role_user("supervisor", agency=office)  # supervises the hospital's 21
    small_team = role_user("supervisor", agency=office)  # supervises the clinic and school

    # Everyone finished the essentials ten days ago, except h[21], who finished today.
    course = make_course(title="Neglect essentials")
    for user in learners:
        _enrol_and_certify(user, course, completed_days_ago=0 if user is h[21] else 10)

    # A workshop five days ago: everyone booked; the clinic and two at the school did not come.
    workshop = make_course(
        title="Multi-agency workshop", delivery_mode=DeliveryMode.FACE_TO_FACE, steps=0
    )
    session = SessionFactory(course=workshop, starts_at=timezone.now() - 5 * DAY, capacity=40)
    for user in learners:
        missed = user in c or user in s[:2]
        BookingFactory(
            session=session,
            user=user,
            attendance=Attendance.NO_SHOW if missed else Attendance.ATTENDED,
        )

    # A quiz: the hospital passes, the clinic and school fail.
    quiz = quiz_create(title="Sam's story")
    for user in learners:
        attempt_complete(user, quiz, GOOD_PATH if user in h else POOR_PATH)

    # Team uses of a briefing: four at the hospital (6 people each), one at the clinic (3
    # people), two at the school (4 each).
    page = briefing(title="Was not brought")
    for user in h[:4]:
        team_use(briefing_page=page, user=user, attendees=6)
    team_use(briefing_page=page, user=c[0], attendees=3)
    for user in s[:2]:
        team_use(briefing_page=page, user=user, attendees=4)

    # Supervision: 21 at the hospital with the team lead; the clinic's 3 and the school's 7
    # with the small team. Each has one record, held 5 days ago (c[0]'s 6 days ago).
    for user in h[:21]:
        make_record(make_agreement(user, team_lead), days_ago=5)
    for user in [*c, *s]:
        make_record(make_agreement(user, small_team), days_ago=6 if user is c[0] else 5)
    cache.clear()
    return SimpleNamespace(
        hospital=hospital,
        clinic=clinic,
        school=school,
        staff=staff,
        team_lead=team_lead,
        small_team=small_team,
        course=course,
        workshop=workshop,
        h=h,
        c=c,
        s=s,
    )


def _page(client, **params) -> dict:
    cache.clear()  # each request works its figures out, as a fresh set of filters would
    response = client.get(reverse("reports:index"), params)
    assert response.status_code == 200
    return {section.slug: result for section, result in response.context["sections"]}


def _csv(client, slug, table_id, **params) -> list[list[str]]:
    response = client.get(reverse("reports:csv", args=[slug, table_id]), params)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def _table(result, table_id):
    return next(t for t in result.tables if t.id == table_id)


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
    result = _page(login(sector_world.staff))[slug]
    health = next(r for r in _table(result, sector_table).rows if str(r["sector"]) == "Health")
    agencies = {
        str(r["agency"]): r[key]
        for r in _table(result, agency_table).rows
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
    result = _page(login(sector_world.staff))[slug]
    total = next(f.value for f in result.figures if str(f.label) == figure)
    rows = {str(r["agency"]): r[key] for r in _table(result, agency_table).rows}
    assert rows["Riverside Clinic"] is WITHHELD
    visible = [value for name, value in rows.items() if name != "Riverside Clinic"]
    possible = _possible(total, visible, rows["Riverside Clinic"])
    assert len(possible) >= 2, f"{slug}: the clinic's figure can be worked out: {possible}"


def test_every_published_count_is_zero_withheld_or_a_multiple_of_5(login, sector_world):
    checked = 0
    for slug, result in _page(login(sector_world.staff)).items():
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
    results = _page(login(sector_world.staff))
    reach = results["training-reach"]
    agencies = {str(r["agency"]): r for r in _table(reach, "completions-by-agency").rows}
    assert agencies["City Hospital"]["completed_people"] == 20  # 22, rounded
    assert agencies["Hill School"]["completed_people"] == 5  # 7, rounded
    assert agencies["Riverside Clinic"]["completed_people"] is WITHHELD  # 3
    sessions = results["training-sessions"]
    by_agency = {str(r["agency"]): r for r in _table(sessions, "attendance-by-agency").rows}
    assert by_agency["City Hospital"]["no_show"] == 0
    assert by_agency["City Hospital"]["no_show_percent"] is not WITHHELD  # 22 people
    assert by_agency["City Hospital"]["no_show_percent"] == 0
    assert by_agency["Hill School"]["no_show"] is WITHHELD  # 2 did not come
    assert by_agency["Hill School"]["no_show_percent"] is WITHHELD  # 7 people, fewer than 20
    figures = {str(f.label): f.value for f in sessions.figures}
    # 5 of 32 did not come: 16%, worked out before the 32 is rounded to 30.
    assert figures["Share of marked places not attended"] == 16
    assert figures["People booked"] == 30
    quizzes = {str(r["agency"]): r for r in _table(results["quizzes"], "attempts-by-agency").rows}
    assert quizzes["City Hospital"]["pass_rate"] == 100
    assert quizzes["Hill School"]["pass_rate"] is WITHHELD
    supervision = {str(f.label): f.value for f in results["supervision"].figures}
    assert supervision["Supervisees with a current agreement"] == 30  # 31, rounded
    assert supervision["Records held in the period"] == 30  # 31, rounded


def test_narrowed_to_a_small_agency_no_section_about_people_shows_figures(login, sector_world):
    client = login(sector_world.staff)
    results = _page(client, agency=sector_world.clinic.pk)
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
    results = _page(login(sector_world.staff), agency=sector_world.hospital.pk)
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
    before = _page(client, start=start, end=(today - DAY).isoformat())
    after = _page(client, start=start, end=today.isoformat())
    label = "People who completed a course"
    a = next(f.value for f in before["training-reach"].figures if str(f.label) == label)
    b = next(f.value for f in after["training-reach"].figures if str(f.label) == label)
    # 31 then 32 people: both published as 30, so nothing says anyone finished today.
    assert (a, b) == (30, 30)
    between = {y - x for x in _range(a) for y in _range(b)}
    assert {0, 1} <= between

    # A one-day range shows no exact count: one record was held six days ago.
    day = (today - 6 * DAY).isoformat()
    one_day = _page(client, start=day, end=day)
    held = next(
        f.value
        for f in one_day["supervision"].figures
        if str(f.label) == "Records held in the period"
    )
    assert held is WITHHELD


def test_every_csv_file_holds_the_figures_of_the_page_and_the_method(login, sector_world):
    client = login(sector_world.staff)
    results = _page(client)
    checked = 0
    for slug, result in results.items():
        for table in result.tables:
            rows = _csv(client, slug, table.id)
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
    small = _page(login(sector_world.small_team))
    assert list(small) == ["supervision"]
    assert "Fewer than 20 people" in small["supervision"].withheld
    large = _page(login(sector_world.team_lead))
    figures = {str(f.label): f.value for f in large["supervision"].figures}
    assert figures["Supervisees with a current agreement"] == 20  # 21
    assert figures["Records held in the period"] == 20  # 21


def test_the_course_drill_down_narrows_the_training_sections_to_one_course(login, sector_world):
    client = login(sector_world.staff)
    results = _page(client, course=sector_world.workshop.pk)
    assert list(results) == ["training-reach", "training-sessions", "confidence"]
    courses = _table(results["training-sessions"], "sessions-by-course").rows
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


# --- Stored figures ---------------------------------------------------------------------------


def test_figures_are_kept_and_the_page_says_when_they_were_worked_out(login, sector_world):
    client = login(sector_world.staff)
    cache.clear()
    first = client.get(reverse("reports:index"))
    computed = first.context["report"].computed_at
    assert "Figures worked out at" in first.content.decode()
    # The second request reads the stored figures: queries for the session, the user and the
    # filter form, none of the learning or supervision records.
    with CaptureQueriesContext(connection) as queries:
        second = client.get(reverse("reports:index"))
    tables = ("certificate", "enrolment", "booking", "attempt", "teamuse", "supervision_")
    assert not [q["sql"] for q in queries if any(t in q["sql"] for t in tables)]
    assert second.context["report"].computed_at == computed
    # The task works the default figures out again and replaces them.
    call_command("refresh_report_figures", "--now", stdout=io.StringIO())
    third = client.get(reverse("reports:index"))
    assert third.context["report"].computed_at > computed


def test_supervisors_never_read_the_partnership_figures_from_the_store(login, sector_world):
    store.refresh_partnership_figures(default_filters())
    results = _page(login(sector_world.small_team))
    assert list(results) == ["supervision"]
    cache.clear()
    store.refresh_partnership_figures(default_filters())
    response = login(sector_world.small_team).get(reverse("reports:index"))
    slugs = [section.slug for section, _result in response.context["sections"]]
    assert slugs == ["supervision"]
    assert "Fewer than 20 people" in response.context["sections"][0][1].withheld
