"""The benchmark's targets and its table."""

from types import SimpleNamespace

from bench.plan import Run
from bench.scenarios import ANON_CACHED, ANON_UNCACHED, QUIZ_ANSWER, SIGNED_IN, Scenario, Target
from bench.tables import ceiling_rps, duration, reload_table, table

CEILING = Scenario("healthz (ceiling)", "/healthz", ceiling=True)
HOME = Scenario("home page", "/")


def figures(rps, p95_ms, errors=0, p50_ms=1.0):
    return {"rps": rps, "p95_us": p95_ms * 1000, "p50_us": p50_ms * 1000, "errors": errors}


def test_targets_read_as_the_issue_states_them():
    assert ANON_CACHED.describe() == ">= 100% of /healthz, p95 < 30 ms"
    assert ANON_UNCACHED.describe() == ">= 25% of /healthz"
    assert SIGNED_IN.describe() == "p95 < 100 ms"
    assert QUIZ_ANSWER.describe().startswith(">= 200/s, p95 < 100 ms; ")
    assert Target(note="the ceiling").describe() == "the ceiling"


def test_a_share_of_healthz_is_met_at_or_above_it():
    assert ANON_UNCACHED.met(figures(250, 500), 1000) == "yes"
    assert ANON_UNCACHED.met(figures(249, 5), 1000) == "no"
    assert ANON_UNCACHED.met(figures(250, 5), None) == "n/a"


def test_every_bound_must_hold():
    assert ANON_CACHED.met(figures(1000, 29.9), 1000) == "yes"
    assert ANON_CACHED.met(figures(1000, 30), 1000) == "no"  # p95 must be under 30 ms
    assert ANON_CACHED.met(figures(990, 10), 1000) == "no"
    assert QUIZ_ANSWER.met(figures(200, 99), None) == "yes"
    assert QUIZ_ANSWER.met(figures(199, 50), None) == "no"
    assert QUIZ_ANSWER.met(figures(300, 100), None) == "no"


def test_a_run_with_errors_meets_nothing_and_the_ceiling_has_nothing_to_meet():
    assert SIGNED_IN.met(figures(100, 10, errors=3), None) == "no (errors)"
    assert Target(note="the ceiling").met(figures(100, 10), None) == ""


def test_the_table_compares_each_row_with_healthz_from_the_same_run():
    rows = [
        (Run(CEILING), figures(800, 20)),
        (Run(HOME, True), figures(900, 12)),
        (Run(HOME, False), figures(100, 90)),
    ]
    assert ceiling_rps(rows) == 800
    output = table(rows, "Benchmark meta", ["No X-Page-Cache header: not present."])
    lines = output.splitlines()
    assert lines[0] == "Benchmark meta"
    assert lines[2].startswith("| scenario | requests/s | p50 ms | p95 ms |")
    assert lines[4] == "| healthz (ceiling) | 800 | 1.0 | 20.0 | 0 | 100% | the ceiling |  |"
    assert lines[5] == (
        "| home page (cached) | 900 | 1.0 | 12.0 | 0 | 112% "
        "| >= 100% of /healthz, p95 < 30 ms | yes |"
    )
    assert lines[6] == (
        "| home page (uncached) | 100 | 1.0 | 90.0 | 0 | 12% | >= 25% of /healthz | no |"
    )
    assert output.endswith("\n- No X-Page-Cache header: not present.\n")


def test_without_healthz_the_ratios_are_not_made_up():
    output = table([(Run(HOME, False), figures(100, 90))], "meta")
    assert "| n/a | >= 25% of /healthz | n/a |" in output


def test_the_reload_table_says_when_the_handover_was_not_measured():
    result = {
        "rps": 50,
        "p50_us": 1000,
        "p95_us": 2000,
        "max_us": 9000,
        "errors": 0,
        "timeouts": 0,
        "non2xx": 0,
        "reloaded_at": 4,
        "old_stopped_at": None,
        "release_s": 20,
    }
    args = SimpleNamespace(reload="release", duration=12)
    output = reload_table("home page", result, args, "meta", "on")
    assert "| home page | release (4 s, n/a) | on | 50 |" in output
    assert "run again with a longer --duration" in output


def test_durations_read_in_minutes_and_seconds():
    assert duration(42.4) == "42 s"
    assert duration(125) == "2 min 5 s"
