"""Benchmark harness: the site under gunicorn (production settings, 2 workers), driven by wrk.

    make bench                      # SQLite, full volume, 10 s per scenario, 8 connections
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/elearning_bench make bench
    .venv/bin/python -m bench.run --duration 5 --only home --volume demo
    .venv/bin/python -m bench.run --only home --duration 12 --reload release

With a PostgreSQL DATABASE_URL, the database is created on that server when it does not exist
yet (see ensure_database), then migrated and seeded. ``--volume full`` (the default; the README
table is made this way) adds seed_volume's 20,000 people and their history to the demo data;
``--volume demo`` (or BENCH_SEED_VOLUME=0) leaves it out and prepares much faster.

Anonymous pages are measured twice (``--page-cache both``, the default): on the server as
production runs it, page cache on, then on a second server started with PAGE_CACHE_SECONDS=0.
Each row is compared with the run's one /healthz and with its target (bench/scenarios.py).

Gunicorn starts as in production: the `gunicorn` command reading gunicorn.conf.py. With
``--reload hup`` or ``--reload release``, one read scenario runs while, a third of the way in,
gunicorn is sent HUP or scripts/gunicorn-release replaces it, to show what a deploy costs.

Prints one table and writes it to bench/results/latest.md and latest-<database>.md. Each
database has its own working directory under bench/results/, so a SQLite and a PostgreSQL
run can go at the same time. Not part of the test suite.
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from cryptography.fernet import Fernet

from bench.database import ensure_database
from bench.plan import (
    PAGE_CACHE_CHOICES,
    Run,
    cookie_for,
    phases,
    select,
    table_order,
    work_name,
)
from bench.preflight import preflight, preflight_post
from bench.scenarios import SCENARIOS
from bench.server import env_on, start_server, stop_gunicorn, wait_until_up
from bench.tables import duration, reload_table, table

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, text=True, **kwargs)


def timed(label: str, cmd, env, timings: dict, **kwargs) -> None:
    """Run one preparation step and note how long it took (printed and in the report)."""
    began = time.monotonic()
    run(cmd, env, **kwargs)
    timings[label] = time.monotonic() - began
    print(f"  {label}: {duration(timings[label])}", flush=True)


def prepare_database(env: dict, volume: str, timings: dict) -> None:
    """Migrate and seed with the development settings (demo data needs DEMO_MODE); with
    ``volume`` full, add seed_volume's 20,000 people and their history on top."""
    dev = {**env, "DJANGO_SETTINGS_MODULE": "elearning.settings.dev"}
    timed("migrate", [PY, "manage.py", "migrate", "--noinput", "-v", "0"], dev, timings)
    timed("seed_demo", [PY, "manage.py", "seed_demo"], dev, timings, stdout=subprocess.DEVNULL)
    if volume == "full":
        timed("seed_volume", [PY, "manage.py", "seed_volume"], dev, timings)


# What bench.profile needs to run the site in its own process as this run's servers do.
SERVER_ENV_KEYS = (
    "SECRET_KEY",
    "ENCRYPTION_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "STATIC_ROOT",
    "DJANGO_SETTINGS_MODULE",
    "LOG_LEVEL",
    "DATABASE_URL",
    "REDIS_URL",
)


def keep_server_env(env: dict, work: Path) -> None:
    """Write the servers' settings to <work>/server-env.json (readable by this user only), so
    ``bench.profile`` can load the site as they do: the demo accounts' authenticator secrets
    open only with this run's ENCRYPTION_KEY."""
    path = work / "server-env.json"
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(json.dumps({key: env[key] for key in SERVER_ENV_KEYS if key in env}))


def reusable_env(work: Path) -> dict:
    """The settings of the run that prepared this working directory's database, for --reuse."""
    path = work / "server-env.json"
    if not path.exists():
        raise SystemExit(f"--reuse: no earlier run here ({path}); run once without it first.")
    return json.loads(path.read_text())


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


def rotating_file(scenario, data: dict, work: Path) -> Path:
    path = work / f"{scenario.rotate}.tsv"
    path.write_text(
        "".join(f"{i['session']}\t{i['path']}\t{i['body']}\n" for i in data[scenario.rotate])
    )
    return path


def wrk(base: str, scenario, data: dict, args) -> dict:
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    cmd += ["--timeout", "5s"]
    if scenario.rotate:
        preflight_post(base, scenario, data)
        env = {
            **os.environ,
            "BENCH_FILE": str(rotating_file(scenario, data, args.work)),
            "BENCH_CSRF": data["csrf"],
            "BENCH_DIR": str(ROOT / "bench"),
        }
        return _run_wrk(cmd + ["-s", str(ROOT / "bench" / "rotate.lua"), base], env)
    cmd += ["-s", str(ROOT / "bench" / "report.lua")]
    if cookie := cookie_for(scenario, data):
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd.append(base + scenario.resolve_path(data))
    if not scenario.alongside:
        return _run_wrk(cmd, dict(os.environ))
    # The load beside it starts first and runs a second longer at each end, so the whole
    # measurement falls inside it.
    beside = cmd[:3] + [f"-d{args.duration + 2}s", "--timeout", "5s"]
    beside_path = scenario.alongside_scenario().resolve_path(data)
    beside += ["-s", str(ROOT / "bench" / "report.lua"), base + beside_path]
    background = subprocess.Popen(beside, stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(1)
        figures = _run_wrk(cmd, dict(os.environ))
    finally:
        stdout, _ = background.communicate(timeout=args.duration + 30)
    if background.returncode:
        raise SystemExit("wrk for the load beside the scenario failed")
    load = _figures(stdout)
    # A failed download means the load was not what the row says: the row meets nothing.
    figures["errors"] += load["errors"]
    figures["alongside_rps"] = load["rps"]
    return figures


def _run_wrk(cmd, env) -> dict:
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return _figures(out.stdout)


def _figures(stdout: str) -> dict:
    line = next(line for line in stdout.splitlines() if line.startswith('{"requests"'))
    figures = json.loads(line)
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1_000_000)
    return figures


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
    preflight(base, Run(scenario), data)
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    # wrk leaves requests that time out out of its latencies: wait long enough that a stall
    # shows as latency (and a request still unanswered after 20 s as an error).
    cmd += ["--timeout", "20s", "-s", str(ROOT / "bench" / "report.lua")]
    if cookie := cookie_for(scenario, data):
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd += [base + scenario.resolve_path(data)]
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


def default_volume() -> str:
    """Full volume unless BENCH_SEED_VOLUME says 0 (the demo data only)."""
    return "demo" if os.environ.get("BENCH_SEED_VOLUME", "").strip() in {"0", "no"} else "full"


def main():
    began = time.monotonic()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 10)))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--only", help="run scenarios whose name contains this text (plus /healthz)"
    )
    parser.add_argument(
        "--volume",
        choices=["full", "demo"],
        default=default_volume(),
        help="full: the demo data plus seed_volume (20,000 people and their history), as the "
        "README table is made; demo: the demo data only, quicker to prepare",
    )
    parser.add_argument(
        "--page-cache",
        choices=PAGE_CACHE_CHOICES,
        default="both",
        help="both: anonymous pages with the page cache on and again on a second server with "
        "PAGE_CACHE_SECONDS=0; on or off: one server, everything measured once",
    )
    parser.add_argument(
        "--reload",
        choices=["hup", "release"],
        help="measure one read scenario while gunicorn is sent HUP, or replaced by "
        "scripts/gunicorn-release, a third of the way into the run",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure against the database the last run on it prepared, without preparing it "
        "again (minutes saved between measurements of one change; never for the README table)",
    )
    args = parser.parse_args()

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does this).")

    work = args.work = RESULTS / work_name(os.environ.get("DATABASE_URL"))
    work.mkdir(parents=True, exist_ok=True)
    kept = reusable_env(work) if args.reuse else {}
    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(60),
        # The demo seeding (development settings) and the server share it, so the demo
        # accounts' authenticator secrets open under both. A reused database keeps its key.
        "ENCRYPTION_KEY": kept.get("ENCRYPTION_KEY")
        or os.environ.get("ENCRYPTION_KEY")
        or Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(work / "static"),
        "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
        "LOG_LEVEL": "WARNING",
    }
    if "DATABASE_URL" not in os.environ:
        database = work / "bench.sqlite3"
        if args.reuse and not database.exists():
            raise SystemExit(f"--reuse: {database} is not there; run once without it first.")
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{database}"
    engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    keep_server_env(env, work)

    timings = {}
    if args.reuse:
        print(f"Reusing the {engine} database the last run prepared ...")
        run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    else:
        print(f"Preparing the {engine} database ({args.volume} volume) and static files ...")
        if engine == "PostgreSQL" and ensure_database(env["DATABASE_URL"]):
            print("  created the database, which the server did not have yet", flush=True)
        prepare_database(env, args.volume, timings)
    # Without REDIS_URL the production settings use the database cache.
    run([PY, "manage.py", "createcachetable"], env)
    # As cron does in production: the partnership report figures are worked out ahead of
    # time and kept in the shared cache, so the reports page is measured as staff meet it.
    timed(
        "refresh_report_figures",
        [PY, "manage.py", "refresh_report_figures", "--now"],
        env,
        timings,
        stdout=subprocess.DEVNULL,
    )
    run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    data = bench_data(env)
    timings["preparation"] = time.monotonic() - began
    print(f"  prepared in {duration(timings['preparation'])}", flush=True)

    if args.reload:
        scenario = reload_scenario(args)
        server, base, pidfile = start_server(env, args, work, page_cache=args.page_cache != "off")
        try:
            print(f"  {scenario.name}, reload by {args.reload} ...", flush=True)
            result = wrk_with_reload(base, scenario, data, args, server, pidfile)
            # Whatever replaced the workers must be serving afterwards.
            wait_until_up(base + "/healthz")
            print(result.pop("release_log", ""), end="")
        finally:
            stop_gunicorn(server, pidfile)
        timings["run"] = time.monotonic() - began
        report([(Run(scenario), result)], args, engine, timings, [])
        return

    selected = select(SCENARIOS, args.only)
    results, notes = [], []

    def work_queue():
        run([PY, "manage.py", "db_worker", "--batch", "--no-startup-delay"], env)

    for phase in phases(selected, args.page_cache):
        server, base, pidfile = start_server(env, args, work, page_cache=phase.page_cache)
        try:
            for run_ in phase.runs:
                print(f"  {run_.label} ...", flush=True)
                if beside := run_.scenario.alongside_scenario():
                    preflight(base, Run(beside), data, work_queue)
                note = preflight(base, run_, data, work_queue)
                if note and note not in notes:
                    notes.append(note)
                figures = wrk(base, run_.scenario, data, args)
                if "alongside_rps" in figures:
                    notes.append(
                        f"{run_.label}: the load beside it was answered at "
                        f"{figures['alongside_rps']:.0f} requests/s."
                    )
                results.append((run_, figures))
        finally:
            stop_gunicorn(server, pidfile)
    timings["run"] = time.monotonic() - began
    report(table_order(results, SCENARIOS), args, engine, timings, notes)


def report(rows, args, engine: str, timings: dict, notes: list[str]) -> None:
    meta = (
        f"Benchmark {datetime.datetime.now().isoformat(timespec='minutes')} on {engine}, "
        f"{args.volume} volume: gunicorn {args.workers} workers, wrk {args.threads} threads, "
        f"{args.connections} connections, {args.duration} s per scenario, {os.cpu_count()} CPU "
        "cores shared by server and load."
    )
    steps = ", ".join(
        f"{label} {duration(seconds)}"
        for label, seconds in timings.items()
        if label not in {"preparation", "run"}
    )
    notes = [
        *notes,
        f"The whole run took {duration(timings['run'])}, of which preparing "
        f"{duration(timings['preparation'])} ({steps}).",
    ]
    if args.reload:
        run_, result = rows[0]
        preload = "on" if env_on("GUNICORN_PRELOAD", True) else "off"
        output = reload_table(run_.label, result, args, meta, preload)
        output += "\n" + "\n".join(f"- {note}" for note in notes) + "\n"
    else:
        output = table(rows, meta, notes)
    (RESULTS / "latest.md").write_text(output)
    which = "sqlite" if args.work.name == "work" else args.work.name.removeprefix("work-")
    (RESULTS / f"latest-{which}.md").write_text(output)
    print()
    print(output)


if __name__ == "__main__":
    main()
