"""Benchmark harness: the site under gunicorn (production settings, 2 workers), driven by wrk.

    make bench                      # SQLite, 10 s per scenario, 8 connections
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/elearning_bench make bench
    .venv/bin/python -m bench.run --duration 5 --only home

Prints one table and writes it to bench/results/latest.md. Not part of the test suite.
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

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
    line = next(line for line in out.stdout.splitlines() if line.startswith('{"requests"'))
    figures = json.loads(line)
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1_000_000)
    return figures


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
    prepare_database(env)
    # Without REDIS_URL the production settings use the database cache.
    run([PY, "manage.py", "createcachetable"], env)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    data = bench_data(env)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "elearning.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(work / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
    )
    rows = []
    try:
        wait_until_up(base + "/healthz")
        for scenario in SCENARIOS:
            wanted = (
                not args.only or args.only in scenario.name or scenario.name.startswith("healthz")
            )
            if not wanted:
                continue
            print(f"  {scenario.name} ...", flush=True)
            preflight(base, scenario, data)
            rows.append((scenario.name, wrk(base, scenario, data, args), scenario.target))
    finally:
        server.terminate()
        server.wait(timeout=30)

    meta = (
        f"Benchmark {datetime.datetime.now().isoformat(timespec='minutes')} on {engine}: gunicorn "
        f"{args.workers} workers, wrk {args.threads} threads, {args.connections} connections, "
        f"{args.duration} s per scenario, {os.cpu_count()} CPU cores shared by server and load."
    )
    output = table(rows, meta)
    (RESULTS / "latest.md").write_text(output)
    print()
    print(output)


if __name__ == "__main__":
    main()
