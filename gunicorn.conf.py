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
    this master, at start, on HUP or after max_requests, then starts warm."""
    if not server.cfg.preload_app:
        return
    try:
        status = _warm_up(server.app.wsgi())
    except Exception:
        server.log.warning("Warm-up request failed; each worker warms up on its first request")
        server.log.debug("Warm-up failure", exc_info=True)
    else:
        server.log.info("Warmed up the application: / answered %s", status)


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
