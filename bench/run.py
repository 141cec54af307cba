"""Benchmark harness: the site under gunicorn (production settings, 2 workers), driven by wrk.

    make bench                      # SQLite, 10 s per scenario, 8 connections
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/elearning_bench make bench
    .venv/bin/python -m bench.run --duration 5 --only home
    .venv/bin/python -m bench.run --only home --duration 12 --reload release

With a PostgreSQL DATABASE_URL, the database is created on that server when it does not exist
yet (see ensure_database), then migrated and seeded.

Gunicorn starts as in production: the `gunicorn` command reading gunicorn.conf.py. With
``--reload hup`` or ``--reload release``, one read scenario runs while, a third of the way in,
gunicorn is sent HUP or scripts/gunicorn-release replaces it, to show what a deploy costs.

Prints one table and writes it to bench/results/latest.md. Not part of the test suite.
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

from bench.database import ensure_database
from bench.scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, text=True, **kwargs)


def prepare_database(env: dict) -> None:
    """Migrate and seed with the development settings (demo data needs DEMO_MODE)."""
    dev = {**env, "DJANGO_SETTINGS_MODULE": "elearning.settings.dev"}
    run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], dev)
    run([PY, "manage.py", "seed_demo"], dev, stdout=subprocess.DEVNULL)
    if os.environ.get("BENCH_SEED_VOLUME"):
        run([PY, "manage.py", "seed_volume"], dev)


def bench_data(env: dict) -> dict:
    result = subprocess.run(
        [PY, "manage.py", "shell", "-c", (ROOT / "bench" / "prepare.py").read_text()],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"Preparing the benchmark data failed:\n{result.stderr[-3000:]}")
    out = result.stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH-DATA "))
    return json.loads(line.removeprefix("BENCH-DATA "))


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def preflight(base: str, scenario, data: dict) -> None:
    """One request before measuring: a scenario that redirects or fails measures nothing."""
    if scenario.method != "GET":
        return
    request = urllib.request.Request(base + scenario.resolve_path(data))
    cookie = f"csrftoken={data['csrf']}"
    if scenario.role:
        cookie += f"; sessionid={data['sessions'][scenario.role]}"
    request.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        status = opener.open(request, timeout=10).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise SystemExit(f"Scenario '{scenario.name}' answered {status}, not 200: fix it first.")


def rotating_file(scenario, data: dict) -> Path:
    path = RESULTS / "work" / f"{scenario.rotate}.tsv"
    path.write_text(
        "".join(f"{i['session']}\t{i['path']}\t{i['body']}\n" for i in data[scenario.rotate])
    )
    return path


def preflight_post(base: str, scenario, data: dict) -> None:
    """The first submission must be accepted (a redirect), or the run measures refusals."""
    item = data[scenario.rotate][-1]  # wrk starts at the first; use the last, done last
    request = urllib.request.Request(base + item["path"], data=item["body"].encode())
    request.add_header("Cookie", f"csrftoken={data['csrf']}; sessionid={item['session']}")
    request.add_header("X-CSRFToken", data["csrf"])
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        status = opener.open(request, timeout=10).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 302:
        raise SystemExit(f"Scenario '{scenario.name}' answered {status}, not 302: fix it first.")


def wrk(base: str, scenario, data: dict, args) -> dict:
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    cmd += ["--timeout", "5s"]
    if scenario.rotate:
        preflight_post(base, scenario, data)
        env = {
            **os.environ,
            "BENCH_FILE": str(rotating_file(scenario, data)),
            "BENCH_CSRF": data["csrf"],
            "BENCH_DIR": str(ROOT / "bench"),
        }
        return _run_wrk(cmd + ["-s", str(ROOT / "bench" / "rotate.lua"), base], env)
    cookie = f"csrftoken={data['csrf']}"
    if scenario.role:
        cookie += f"; sessionid={data['sessions'][scenario.role]}"
    cmd += ["-s", str(ROOT / "bench" / "report.lua"), "-H", f"Cookie: {cookie}"]
    return _run_wrk(cmd + [base + scenario.resolve_path(data)], dict(os.environ))


def _run_wrk(cmd, env) -> dict:
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return _figures(out.stdout)


def _figures(stdout: str) -> dict:
    line = next(line for line in stdout.splitlines() if line.startswith('{"requests"'))
    figures = json.loads(line)
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1_000_000)
    return figures


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


def reload_scenario(args):
    """The one read scenario measured during a reload: the home page unless --only says."""
    for scenario in SCENARIOS:
        if scenario.method != "GET" or scenario.rotate:
            continue
        if (args.only in scenario.name) if args.only else scenario.name == "home page":
            return scenario
    raise SystemExit(f"No read scenario matches --only {args.only!r}.")


def wrk_with_reload(base: str, scenario, data: dict, args, server, pidfile: Path) -> dict:
    """wrk on one read scenario; a third of the way in, gunicorn is reloaded or released."""
    preflight(base, scenario, data)
    cookie = f"csrftoken={data['csrf']}"
    if scenario.role:
        cookie += f"; sessionid={data['sessions'][scenario.role]}"
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    # wrk leaves requests that time out out of its latencies: wait long enough that a stall
    # shows as latency (and a request still unanswered after 20 s as an error).
    cmd += ["--timeout", "20s", "-s", str(ROOT / "bench" / "report.lua")]
    cmd += ["-H", f"Cookie: {cookie}", base + scenario.resolve_path(data)]
    load = subprocess.Popen(
        cmd,
        env={**os.environ, "BENCH_COUNT_STATUS": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    began = time.monotonic()
    time.sleep(args.duration / 3)
    reloaded_at = time.monotonic() - began
    figures = {"reloaded_at": reloaded_at, "old_stopped_at": None, "release_s": None}
    release, release_log = None, []
    if args.reload == "hup":
        # Gunicorn forks the new workers and stops the old ones at once.
        os.kill(server.pid, signal.SIGHUP)
        figures["old_stopped_at"] = reloaded_at
    else:
        release = subprocess.Popen(
            [str(ROOT / "scripts" / "gunicorn-release"), str(pidfile), base + "/healthz"],
            cwd=ROOT,
            env={**os.environ, "ALLOWED_HOSTS": "127.0.0.1"},
            stderr=subprocess.PIPE,
            text=True,
        )

        def follow():
            for line in release.stderr:
                release_log.append(line)
                if "stopping the old master" in line:
                    figures["old_stopped_at"] = time.monotonic() - began

        follower = threading.Thread(target=follow, daemon=True)
        follower.start()
    stdout, stderr = load.communicate(timeout=args.duration + 60)
    if load.returncode:
        raise SystemExit(f"wrk failed:\n{stderr}")
    figures.update(_figures(stdout))
    if release is not None:
        release.wait(timeout=180)
        follower.join(timeout=10)
        figures["release_s"] = time.monotonic() - began - reloaded_at
        figures["release_log"] = "".join(release_log)
        if release.returncode:
            raise SystemExit(f"scripts/gunicorn-release failed:\n{figures['release_log']}")
    return figures


def reload_table(name: str, r: dict, args, meta: str) -> str:
    preload = "on" if env_on("GUNICORN_PRELOAD", True) else "off"
    stopped = r["old_stopped_at"]
    when = f"{r['reloaded_at']:.0f} s"
    if args.reload == "release":
        when += f", old master stopped at {stopped:.0f} s" if stopped is not None else ", n/a"
    output = (
        f"{meta}\n\n"
        "| scenario | reload (at, of the run) | preload | requests/s | p50 ms | p95 ms | max ms "
        "| errors (time-outs) | non-2xx |\n"
        "|---|---|---|---:|---:|---:|---:|---:|---:|\n"
        f"| {name} | {args.reload} ({when}) | {preload} | {r['rps']:.0f} "
        f"| {r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | {r['max_us'] / 1000:.0f} "
        f"| {r['errors']} ({r['timeouts']}) | {r['non2xx']} |\n"
    )
    if args.reload == "release" and (stopped is None or stopped > args.duration):
        output += (
            f"\nThe release took {r['release_s']:.0f} s and the old master was stopped after the "
            f"load ended, so the handover was not measured: run again with a longer --duration.\n"
        )
    return output


def table(rows, meta: str) -> str:
    ceiling = next((r["rps"] for name, r, _ in rows if name.startswith("healthz")), None)
    lines = [
        meta,
        "",
        "| scenario | requests/s | p50 ms | p95 ms | errors | vs /healthz | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, r, target in rows:
        ratio = f"{r['rps'] / ceiling:.0%}" if ceiling else "n/a"
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} "
            f"| {r['errors']} | {ratio} | {target} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 10)))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--only", help="run scenarios whose name contains this text (plus /healthz)"
    )
    parser.add_argument(
        "--reload",
        choices=["hup", "release"],
        help="measure one read scenario while gunicorn is sent HUP, or replaced by "
        "scripts/gunicorn-release, a third of the way into the run",
    )
    args = parser.parse_args()

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does this).")

    work = RESULTS / "work"
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(60),
        # The demo seeding (development settings) and the server share it, so the demo
        # accounts' authenticator secrets open under both.
        "ENCRYPTION_KEY": os.environ.get("ENCRYPTION_KEY") or Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(work / "static"),
        "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
        "LOG_LEVEL": "WARNING",
    }
    if "DATABASE_URL" not in os.environ:
        database = work / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{database}"
    engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"

    print(f"Preparing the {engine} database and static files ...", flush=True)
    if engine == "PostgreSQL" and ensure_database(env["DATABASE_URL"]):
        print("  created the database, which the server did not have yet", flush=True)
    prepare_database(env)
    # Without REDIS_URL the production settings use the database cache.
    run([PY, "manage.py", "createcachetable"], env)
    # As cron does in production: the partnership report figures are worked out ahead of
    # time and kept in the shared cache, so the reports page is measured as staff meet it.
    run([PY, "manage.py", "refresh_report_figures", "--now"], env, stdout=subprocess.DEVNULL)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    data = bench_data(env)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    pidfile = work / "gunicorn.pid"
    # As production runs it: gunicorn.conf.py, settings from the environment, the access log
    # on stdout and errors on stderr (here into files).
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    env["WEB_CONCURRENCY"] = str(args.workers)
    env["GUNICORN_PIDFILE"] = str(pidfile)
    with (
        open(work / "gunicorn-access.log", "w") as access_log,
        open(work / "gunicorn.log", "w") as error_log,
    ):
        server = subprocess.Popen(
            gunicorn_command(), cwd=ROOT, env=env, stdout=access_log, stderr=error_log
        )
    rows = []
    try:
        wait_until_up(base + "/healthz")
        if args.reload:
            scenario = reload_scenario(args)
            print(f"  {scenario.name}, reload by {args.reload} ...", flush=True)
            result = wrk_with_reload(base, scenario, data, args, server, pidfile)
            # Whatever replaced the workers must be serving afterwards.
            wait_until_up(base + "/healthz")
            print(result.pop("release_log", ""), end="")
            rows.append((scenario.name, result, scenario.target))
        else:
            for scenario in SCENARIOS:
                wanted = (
                    not args.only
                    or args.only in scenario.name
                    or scenario.name.startswith("healthz")
                )
                if not wanted:
                    continue
                print(f"  {scenario.name} ...", flush=True)
                preflight(base, scenario, data)
                rows.append((scenario.name, wrk(base, scenario, data, args), scenario.target))
    finally:
        stop_gunicorn(server, pidfile)
    report(rows, args, engine)


def report(rows, args, engine: str) -> None:
    meta = (
        f"Benchmark {datetime.datetime.now().isoformat(timespec='minutes')} on {engine}: gunicorn "
        f"{args.workers} workers, wrk {args.threads} threads, {args.connections} connections, "
        f"{args.duration} s per scenario, {os.cpu_count()} CPU cores shared by server and load."
    )
    if args.reload:
        name, result, _ = rows[0]
        output = reload_table(name, result, args, meta)
    else:
        output = table(rows, meta)
    (RESULTS / "latest.md").write_text(output)
    print()
    print(output)


if __name__ == "__main__":
    main()
