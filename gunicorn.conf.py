"""Gunicorn's production configuration, read from the working directory when gunicorn starts
(``gunicorn`` looks for ./gunicorn.conf.py unless given ``-c``). Values come from the
environment; options on the command line still win over this file.

The application is loaded once in the master before the workers are forked (``preload_app``),
so a worker that is replaced (a reload, ``max_requests``, a crash) is serving within
milliseconds instead of importing Django and Wagtail for several seconds while requests wait.
The price: HUP restarts the workers but does not load new code. A release uses gunicorn's
binary upgrade (``scripts/gunicorn-release``) or a rolling restart of the app servers; see the
README's production section.
"""

import os
import sys

from gunicorn.glogging import Logger


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in {"1", "true", "yes", "on"}


wsgi_app = "elearning.wsgi:application"
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").split(",")]

# Gunicorn's rule of thumb (two per core, plus one), capped: each worker holds a PostgreSQL
# connection and a copy of the site in memory, and several app servers share one database.
workers = _int("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 8))
preload_app = _bool("GUNICORN_PRELOAD", True)

# A request running longer than this is killed (the slowest report takes about 2 s).
timeout = _int("GUNICORN_TIMEOUT", 30)
# On TERM, HUP or a binary upgrade, workers get this long to finish what they are doing.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Only for threaded or asynchronous workers: the default sync worker closes each connection.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Replace each worker after about this many requests (the jitter stops them all going at
# once), so a slow leak cannot grow for ever. With preload the replacement costs nothing.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Set for scripts/gunicorn-release; during a binary upgrade the new master writes <pidfile>.2.
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
# The workers' heartbeat files in memory: on a disk-backed /tmp a slow disk can get workers
# killed as if they had hung. (Gunicorn makes them with mkstemp, so a shared directory is safe.)
_SHM = "/dev/shm"  # noqa: S108
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None

# gunicornc's control socket defaults to one path per user, which two gunicorns on a machine
# (or the old and new master of a binary upgrade, the old removing it as it stops) would
# share. Off unless a path is given.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")

# Access log on stdout and errors on stderr, for the process manager to collect.
accesslog = "-"
errorlog = "-"
# forwarded_allow_ips stays at gunicorn's default (127.0.0.1 and ::1): the client's address is
# read by the application from the load balancer's header (TRUSTED_PROXY_COUNT, see README).

PROBE_PATHS = frozenset({"/healthz", "/readyz"})


class ProbeQuietLogger(Logger):
    """Gunicorn's logger, leaving the load balancer's health probes out of the access log:
    every balancer node asks every few seconds, which would bury the requests of people."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") in PROBE_PATHS:
            return
        super().access(resp, req, environ, request_time)


logger_class = ProbeQuietLogger


def when_ready(server):
    """Runs in the master once it is listening, before it forks any worker. With the
    application preloaded, one request through it here loads what Django and Wagtail
    otherwise load on each new worker's first request (the URL configuration and every view
    module, Wagtail's hooks, compiled templates, the static files manifest): that first
    request took seconds under load, as long as booting a worker. Every worker forked from
    this master, at start, on HUP or after max_requests, then starts warm.

    The request carries a session cookie (one that opens no session), so the page cache lets
    it through to be built: answered from the cache, it loaded none of this, and every
    replaced worker's first request spent about 400 ms importing the URL configuration.
    The site's own templates are then compiled too, so no worker compiles one on a
    visitor's time."""
    if not server.cfg.preload_app:
        return
    try:
        status = _warm_up(server.app.wsgi())
        compiled = _compile_templates()
    except Exception:
        server.log.warning("Warm-up request failed; each worker warms up on its first request")
        server.log.debug("Warm-up failure", exc_info=True)
    else:
        server.log.info(
            "Warmed up the application: / answered %s; %d templates compiled", status, compiled
        )


def _compile_templates() -> int:
    """Load every template of the site's own apps and templates directory through Django's
    cached loader, so forked workers share the compiled copies. Returns how many loaded."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings
    from django.template import engines

    base = Path(settings.BASE_DIR).resolve()
    folders = [base / "templates"]
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            folders.append(path / "templates")
    engine = engines["django"]
    compiled = 0
    for folder in folders:
        for template in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
            try:
                engine.get_template(template.relative_to(folder).as_posix())
            except Exception:  # noqa: S112 - a template that fails here fails for its page too
                continue
            compiled += 1
    return compiled


def _warm_up(application) -> str:
    import io

    from django.conf import settings

    # A host the site answers to, over HTTPS as the load balancer forwards it (no redirect).
    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": host,
        "HTTP_X_FORWARDED_PROTO": "https",
        # Past the page cache (which serves no one with a session cookie) to the site itself.
        "HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=warm-up",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return statuses[0]


def pre_fork(server, worker):
    """Runs in the master before each worker is forked. With the application preloaded, a
    database or cache connection the master opened would be shared by every worker's copy
    of it; close any first so each worker opens its own."""
    if "django" not in sys.modules:
        return
    from django.apps import apps

    if not apps.ready:
        return
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()


def worker_exit(server, worker):
    """Runs in a worker as it ends. A worker that ends normally (after max_requests, or told
    to stop) leaves at once, skipping the interpreter's teardown of its copy of the whole site:
    that took about 600 ms, and the master replaces a worker only once it has gone, so the
    requests queued meanwhile waited (the long tail of every run of the benchmark). Its
    database and cache connections are closed and its logs flushed first. A worker ending on
    an error goes through the normal exit, so its exit status and traceback reach the master."""
    exc = sys.exc_info()[1]
    if not isinstance(exc, SystemExit) or exc.code not in (0, None):
        return
    import logging

    if "django" in sys.modules:
        from django.apps import apps

        if apps.ready:
            from django.core.cache import caches
            from django.db import connections

            connections.close_all()
            caches.close_all()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
