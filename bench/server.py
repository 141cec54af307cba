"""The gunicorn server the benchmark measures, started and stopped as production does."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 180, server=None) -> None:
    """Wait for ``url`` to answer 200. On a loaded machine gunicorn can take well over half a
    minute just to import the site, so the wait is long; it ends early if ``server`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"The server exited ({server.returncode}) before answering at {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url} within {timeout:.0f} s")


def gunicorn_command() -> list[str]:
    """The `gunicorn` script, as production runs it: a binary upgrade re-runs the command
    line it was started with, which `python -m gunicorn` cannot survive."""
    script = Path(PY).parent / "gunicorn"
    if not script.exists():
        script = Path(shutil.which("gunicorn") or "gunicorn")
    return [str(script), "-c", str(ROOT / "gunicorn.conf.py")]


def env_on(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in {"1", "true", "yes", "on"}


def running(pid: int) -> bool:
    """True while ``pid`` runs (a process that exited but is not yet reaped does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def stop_gunicorn(server: subprocess.Popen, pidfile: Path) -> None:
    """Stop the master we started and any that replaced it (after a binary upgrade the new
    master is no longer our child, so it is found through the pid file)."""
    masters = {read_pid(pidfile), read_pid(Path(f"{pidfile}.2"))} - {None, server.pid}
    server.terminate()
    for pid in masters:
        if running(pid):
            os.kill(pid, signal.SIGTERM)
    server.wait(timeout=60)
    deadline = time.monotonic() + 60
    while any(running(pid) for pid in masters) and time.monotonic() < deadline:
        time.sleep(0.2)


def start_server(env: dict, args, work: Path, page_cache: bool):
    """Gunicorn as production runs it: gunicorn.conf.py, settings from the environment, the
    access log on stdout and errors on stderr (here into files). With ``page_cache`` off it
    is started with PAGE_CACHE_SECONDS=0. Returns the process, its address and pid file."""
    port = free_port()
    name = "gunicorn" if page_cache else "gunicorn-uncached"
    pidfile = work / f"{name}.pid"
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_PIDFILE": str(pidfile),
    }
    if not page_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
    elif env.get("PAGE_CACHE_SECONDS", "").strip() == "0":
        del env["PAGE_CACHE_SECONDS"]  # the cached server uses the default, as production
    with (
        open(work / f"{name}-access.log", "w") as access_log,
        open(work / f"{name}.log", "w") as error_log,
    ):
        server = subprocess.Popen(
            gunicorn_command(), cwd=ROOT, env=env, stdout=access_log, stderr=error_log
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", server=server)
    except BaseException:
        stop_gunicorn(server, pidfile)
        raise
    return server, base, pidfile
