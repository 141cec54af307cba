"""gunicorn.conf.py: production defaults, values from the environment, accepted by gunicorn;
and the release script at least parses."""

import runpy
import subprocess
from pathlib import Path

import pytest
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "gunicorn.conf.py"
NAMES = [
    "GUNICORN_BIND",
    "GUNICORN_PRELOAD",
    "GUNICORN_PIDFILE",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_MAX_REQUESTS_JITTER",
    "GUNICORN_CONTROL_SOCKET",
    "WEB_CONCURRENCY",
]


def load(monkeypatch, **environ) -> Config:
    """The file's values as gunicorn would set them (each passes gunicorn's validation)."""
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    values = runpy.run_path(str(CONFIG))
    cfg = Config()
    for name, value in values.items():
        if name in cfg.settings:
            cfg.set(name, value)
    return cfg


def test_defaults_preload_the_application(monkeypatch):
    cfg = load(monkeypatch)
    assert cfg.preload_app is True
    assert cfg.bind == ["0.0.0.0:8000"]
    assert 1 <= cfg.workers <= 8
    assert cfg.wsgi_app == "elearning.wsgi:application"
    assert cfg.pidfile is None
    assert cfg.accesslog == "-"
    assert cfg.timeout == 30 and cfg.graceful_timeout == 30
    assert cfg.max_requests == 1000 and cfg.max_requests_jitter == 100
    assert cfg.control_socket_disable is True
    # forwarded_allow_ips stays at gunicorn's own default.
    assert cfg.forwarded_allow_ips == Config().forwarded_allow_ips
    if Path("/dev/shm").is_dir():
        assert cfg.worker_tmp_dir == "/dev/shm"


def test_environment_is_honoured(monkeypatch, tmp_path):
    cfg = load(
        monkeypatch,
        GUNICORN_BIND="127.0.0.1:9000,unix:/run/elearning.sock",
        WEB_CONCURRENCY="3",
        GUNICORN_PIDFILE=str(tmp_path / "gunicorn.pid"),
        GUNICORN_TIMEOUT="60",
        GUNICORN_GRACEFUL_TIMEOUT="45",
        GUNICORN_KEEPALIVE="75",
        GUNICORN_MAX_REQUESTS="500",
        GUNICORN_MAX_REQUESTS_JITTER="50",
        GUNICORN_CONTROL_SOCKET=str(tmp_path / "gunicorn.ctl"),
    )
    assert cfg.bind == ["127.0.0.1:9000", "unix:/run/elearning.sock"]
    assert cfg.workers == 3
    assert cfg.pidfile == str(tmp_path / "gunicorn.pid")
    assert (cfg.timeout, cfg.graceful_timeout, cfg.keepalive) == (60, 45, 75)
    assert (cfg.max_requests, cfg.max_requests_jitter) == (500, 50)
    assert cfg.control_socket == str(tmp_path / "gunicorn.ctl")
    assert cfg.control_socket_disable is False


@pytest.mark.parametrize(("value", "preload"), [("0", False), ("false", False), ("1", True)])
def test_preload_can_be_turned_off(monkeypatch, value, preload):
    assert load(monkeypatch, GUNICORN_PRELOAD=value).preload_app is preload


def test_health_probes_stay_out_of_the_access_log(monkeypatch):
    from gunicorn.glogging import Logger

    cfg = load(monkeypatch)
    logged = []
    monkeypatch.setattr(
        Logger, "access", lambda self, resp, req, environ, t: logged.append(environ)
    )
    logger = cfg.logger_class(cfg)
    for path in ("/healthz", "/readyz", "/library/", "/readyz/elsewhere"):
        logger.access(None, None, {"PATH_INFO": path}, None)
    assert [environ["PATH_INFO"] for environ in logged] == ["/library/", "/readyz/elsewhere"]


def test_release_script_parses():
    script = ROOT / "scripts" / "gunicorn-release"
    subprocess.run(["bash", "-n", str(script)], check=True)
    assert script.stat().st_mode & 0o111, "scripts/gunicorn-release must be executable"


def test_release_script_refuses_a_missing_pid_file(tmp_path):
    result = subprocess.run(
        [str(ROOT / "scripts" / "gunicorn-release"), str(tmp_path / "none.pid")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "no pid file" in result.stderr


@pytest.mark.django_db
def test_warm_up_request_goes_through_the_whole_site(monkeypatch):
    """The master's warm-up request (run before forking, with the application preloaded)
    really renders the home page, so workers start with it loaded."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    values = runpy.run_path(str(CONFIG))
    # As the test client does: a request's start and end must not close the test's
    # transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        status = values["_warm_up"](WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert status == "200 OK"


def test_warm_up_request_is_not_answered_from_the_page_cache():
    """Answered from the page cache, the warm-up loaded nothing: it carries a session cookie,
    which the page cache never serves."""
    from django.core.handlers.wsgi import WSGIRequest

    from elearning.core.pagecache import _has_personal_cookie

    seen = []

    def application(environ, start_response):
        seen.append(environ)
        start_response("200 OK", [])
        return [b""]

    assert runpy.run_path(str(CONFIG))["_warm_up"](application) == "200 OK"
    assert _has_personal_cookie(WSGIRequest(seen[0]))


def test_the_master_compiles_the_site_templates_before_forking():
    from django.template import engines

    values = runpy.run_path(str(CONFIG))
    assert values["_compile_templates"]() > 100
    loader = engines["django"].engine.template_loaders[0]
    names = {key.split("-")[0] for key in loader.get_template_cache}
    assert {"base.html", "core/dashboard.html", "supervision/home.html"} <= names


class Left(Exception):
    """Stands in for os._exit, which would end the test run."""


def _exit_worker(monkeypatch, code, closed):
    import os

    monkeypatch.setattr(os, "_exit", lambda status: (_ for _ in ()).throw(Left(status)))
    monkeypatch.setattr("django.db.connections.close_all", lambda: closed.append("db"))
    monkeypatch.setattr("django.core.cache.caches.close_all", lambda: closed.append("cache"))
    worker_exit = runpy.run_path(str(CONFIG))["worker_exit"]
    try:
        raise SystemExit(code)
    except SystemExit:
        worker_exit(None, None)


def test_a_worker_that_ends_normally_leaves_at_once_with_its_connections_closed(monkeypatch):
    closed = []
    with pytest.raises(Left) as left:
        _exit_worker(monkeypatch, 0, closed)
    assert left.value.args == (0,)
    assert closed == ["db", "cache"]


def test_a_worker_ending_on_an_error_exits_normally_so_the_master_sees_its_status(monkeypatch):
    closed = []
    _exit_worker(monkeypatch, 3, closed)
    assert closed == []
