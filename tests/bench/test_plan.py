"""Which scenarios a benchmark run measures, on which server, and in what order."""

import re
from pathlib import Path

import pytest

from bench.plan import Run, cache_check, cookie_for, phases, select, table_order, work_name
from bench.scenarios import ANON_CACHED, ANON_UNCACHED, SCENARIOS, SIGNED_IN, Scenario

CEILING = Scenario("healthz (ceiling)", "/healthz", ceiling=True)
HOME = Scenario("home page", "/")
GUIDE = Scenario("one-minute guide", lambda d: d["guide_url"])
DASHBOARD = Scenario("dashboard (signed in)", "/dashboard/", role="practitioner")
ANSWERS = Scenario("quiz answer submission", "", method="POST", rotate="quiz_answers")
ALL = [CEILING, HOME, GUIDE, DASHBOARD, ANSWERS]
DATA = {"guide_url": "/library/guide/", "csrf": "tok", "sessions": {"practitioner": "abc"}}


def labels(phase):
    return [run.label for run in phase.runs]


def test_only_keeps_the_matching_scenarios_and_the_ceiling():
    assert select(ALL, "guide") == [CEILING, GUIDE]
    assert select(ALL, None) == ALL
    assert select(ALL, "nothing matches") == [CEILING]


def test_anonymous_pages_are_the_get_pages_with_no_one_signed_in():
    assert [s.name for s in ALL if s.anonymous] == ["home page", "one-minute guide"]


def test_both_measures_everything_cached_then_the_anonymous_pages_uncached():
    first, second = phases(ALL, "both")
    assert first.page_cache is True
    assert labels(first) == [
        "healthz (ceiling)",
        "home page (cached)",
        "one-minute guide (cached)",
        "dashboard (signed in)",
        "quiz answer submission",
    ]
    assert second.page_cache is False
    assert labels(second) == ["home page (uncached)", "one-minute guide (uncached)"]


def test_on_and_off_measure_everything_once():
    (on,) = phases(ALL, "on")
    assert on.page_cache is True
    assert "home page (cached)" in labels(on)
    (off,) = phases(ALL, "off")
    assert off.page_cache is False
    assert labels(off)[:3] == [
        "healthz (ceiling)",
        "home page (uncached)",
        "one-minute guide (uncached)",
    ]


def test_no_second_server_when_no_anonymous_page_is_selected():
    (only,) = phases(select(ALL, "dashboard"), "both")
    assert labels(only) == ["healthz (ceiling)", "dashboard (signed in)"]


def test_an_unknown_page_cache_choice_is_refused():
    with pytest.raises(ValueError, match="page_cache"):
        phases(ALL, "sometimes")


def test_each_row_has_the_target_of_its_kind():
    assert Run(HOME, True).target == ANON_CACHED
    assert Run(HOME, False).target == ANON_UNCACHED
    assert Run(DASHBOARD).target == SIGNED_IN


def test_the_table_shows_each_page_cached_then_uncached_in_scenario_order():
    first, second = phases(ALL, "both")
    measured = [(run, {}) for run in [*first.runs, *second.runs]]
    ordered = [run.label for run, _ in table_order(measured, ALL)]
    assert ordered == [
        "healthz (ceiling)",
        "home page (cached)",
        "home page (uncached)",
        "one-minute guide (cached)",
        "one-minute guide (uncached)",
        "dashboard (signed in)",
        "quiz answer submission",
    ]


def test_paths_resolve_from_the_prepared_data():
    assert GUIDE.resolve_path(DATA) == "/library/guide/"
    assert HOME.resolve_path(DATA) == "/"


def test_anonymous_visitors_send_no_cookies_and_signed_in_ones_their_session():
    assert cookie_for(HOME, DATA) is None
    assert cookie_for(DASHBOARD, DATA) == "csrftoken=tok; sessionid=abc"


def test_every_scenario_resolves_with_what_prepare_provides():
    # The keys bench/prepare.py prints, read from it; a scenario asking for another would
    # fail mid-run.
    text = (Path(__file__).resolve().parents[2] / "bench" / "prepare.py").read_text()
    provided = {key: f"/{key}/" for key in re.findall(r'^data\["(\w+)"\] = ', text, re.M)}
    assert {"guide_url", "guide_pdf_url", "case_timeline_url"} <= set(provided)
    roles = {"practitioner", "supervisor", "staff", "admin"}
    for scenario in SCENARIOS:
        assert scenario.resolve_path(provided).startswith("/") or scenario.rotate
        if scenario.alongside:
            assert scenario.alongside_scenario().resolve_path(provided).startswith("/")
        assert scenario.role is None or scenario.role in roles
    names = [s.name for s in SCENARIOS]
    assert len(names) == len(set(names))
    for wanted in (
        "neglect toolkit",
        "supervision case timeline",
        "my learning record",
        "one-minute guide PDF",
        "healthz while PDFs download",
    ):
        assert any(name.startswith(wanted) for name in names)


def test_a_cached_page_must_say_hit_the_second_time():
    assert cache_check(True, "hit") is None
    assert cache_check(True, " HIT ") is None
    for value in ("miss", "skip"):
        with pytest.raises(ValueError, match=f"X-Page-Cache: {value}, not hit"):
            cache_check(True, value)


def test_an_uncached_page_must_not_come_from_the_cache():
    assert cache_check(False, "skip") is None
    assert cache_check(False, "miss") is None
    with pytest.raises(ValueError, match="PAGE_CACHE_SECONDS=0"):
        cache_check(False, "hit")


def test_no_header_means_the_cache_is_not_there_yet_and_is_said_not_failed():
    for cached in (True, False):
        for value in (None, ""):
            note = cache_check(cached, value)
            assert "not present" in note


def test_each_database_has_its_own_working_directory():
    assert work_name(None) == "work"
    assert work_name("sqlite:////tmp/x.sqlite3") == "work-sqlite-x"
    assert work_name("postgres://postgres@127.0.0.1:5432/elearning_bench") == (
        "work-postgresql-elearning_bench"
    )
    assert work_name("postgresql://u@h/a%20b") == "work-postgresql-a_b"


BESIDE = Scenario("healthz while PDFs download", "/healthz", alongside=lambda d: d["guide_url"])


def test_a_scenario_with_a_load_beside_it_is_measured_once_on_the_uncached_server():
    assert not BESIDE.anonymous
    first, second = phases([CEILING, HOME, BESIDE], "both")
    assert labels(first) == ["healthz (ceiling)", "home page (cached)"]
    assert labels(second) == ["home page (uncached)", "healthz while PDFs download (uncached)"]
    (on,) = phases([CEILING, BESIDE], "on")
    assert labels(on) == ["healthz (ceiling)", "healthz while PDFs download (cached)"]


def test_the_load_beside_a_scenario_is_preflighted_as_a_page_of_its_own():
    beside = BESIDE.alongside_scenario()
    assert beside.resolve_path(DATA) == "/library/guide/"
    assert beside.role is None and beside.method == "GET"
    assert HOME.alongside_scenario() is None


def test_the_load_beside_may_be_a_plain_address():
    beside = Scenario(
        "healthz beside the home page", "/healthz", alongside="/"
    ).alongside_scenario()
    assert beside.resolve_path(DATA) == "/"
