"""bench.profile: the requests it sends are the ones wrk sends, and it runs the site with the
environment the last benchmark run kept."""

import json
import stat

import pytest

from bench.profile import requests_for, server_env
from bench.run import keep_server_env
from bench.scenarios import SCENARIOS, Scenario

DATA = {
    "csrf": "token",
    "sessions": {"practitioner": "practitioner-session"},
    "guide_url": "/library/guide/",
    "quiz_answers": [
        {"session": "one", "path": "/quiz/attempt/1/", "body": "a=1"},
        {"session": "two", "path": "/quiz/attempt/2/", "body": "a=2"},
    ],
}


def scenario(name: str) -> Scenario:
    return next(s for s in SCENARIOS if s.name == name)


def test_a_form_scenario_takes_each_learner_in_turn():
    sent = list(requests_for(scenario("quiz answer submission"), DATA, 3))
    assert [(m, p, c["sessionid"], b) for m, p, c, b in sent] == [
        ("POST", "/quiz/attempt/1/", "one", "a=1"),
        ("POST", "/quiz/attempt/2/", "two", "a=2"),
        ("POST", "/quiz/attempt/1/", "one", "a=1"),
    ]
    assert {c["csrftoken"] for _, _, c, _ in sent} == {"token"}


def test_a_signed_in_page_carries_the_role_session_and_an_anonymous_one_nothing():
    signed_in = list(requests_for(scenario("dashboard (signed in)"), DATA, 2))
    assert (
        signed_in
        == [("GET", "/dashboard/", {"csrftoken": "token", "sessionid": "practitioner-session"}, "")]
        * 2
    )
    assert list(requests_for(scenario("one-minute guide"), DATA, 1)) == [
        ("GET", "/library/guide/", {}, "")
    ]


def test_the_kept_environment_is_private_to_its_owner_and_read_back(tmp_path):
    env = {"SECRET_KEY": "s", "ENCRYPTION_KEY": "e", "DATABASE_URL": "sqlite:///x", "PATH": "/bin"}
    keep_server_env(env, tmp_path)
    path = tmp_path / "server-env.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {
        k: env[k] for k in ("SECRET_KEY", "ENCRYPTION_KEY", "DATABASE_URL")
    }
    assert server_env(tmp_path)["ENCRYPTION_KEY"] == "e"


def test_profiling_before_any_run_says_what_to_run(tmp_path):
    with pytest.raises(SystemExit, match="run the benchmark once first"):
        server_env(tmp_path)


def test_reuse_needs_an_earlier_run_in_that_working_directory(tmp_path):
    from bench.run import reusable_env

    with pytest.raises(SystemExit, match="no earlier run here"):
        reusable_env(tmp_path)
    keep_server_env({"ENCRYPTION_KEY": "kept"}, tmp_path)
    assert reusable_env(tmp_path) == {"ENCRYPTION_KEY": "kept"}
