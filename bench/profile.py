"""Where the time goes in one benchmark scenario: requests through the whole site (every
middleware, production settings) in this one process, against the database and shared cache
the last ``bench.run`` prepared, under pyinstrument.

    .venv/bin/python -m bench.profile dashboard --requests 50
    .venv/bin/python -m bench.profile "quiz answer" --requests 200 --html bench/results/quiz.html
    .venv/bin/python -m bench.profile "one-minute guide" --no-page-cache
    .venv/bin/python -m bench.profile "supervision home" --queries

``--queries`` runs without the profiler and prints, instead, how much of each request went
on the database: the mean time per request, the mean spent in queries, and the queries that
took longest in all, each with how often it ran.

A name that is a scenario's whole name picks that one ("one-minute guide", not its PDF).

The scenario is chosen by a part of its name, as ``bench.run --only`` does. ``bench.run``
keeps the environment it served with (its random SECRET_KEY and ENCRYPTION_KEY, the
database, REDIS_URL) in ``<work>/server-env.json``; this reads it, so the demo accounts'
authenticator secrets still open. Run ``bench.run`` once first (``--only healthz`` is
enough). Give DATABASE_URL as for that run to pick its working directory. Nothing here is
timed against a target; the mean is printed only to compare two profiles.
"""

import argparse
import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

from bench.plan import select, work_name
from bench.scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = "server-env.json"


def server_env(work: Path) -> dict:
    path = work / ENV_FILE
    if not path.exists():
        raise SystemExit(
            f"No {path}: run the benchmark once first, e.g. "
            "`.venv/bin/python -m bench.run --only healthz --duration 1 --page-cache on`."
        )
    return json.loads(path.read_text())


def prepared_data() -> dict:
    """The benchmark's sessions and addresses, made afresh by bench/prepare.py."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile((ROOT / "bench" / "prepare.py").read_text(), "prepare.py", "exec"), {})  # noqa: S102
    line = next(line for line in out.getvalue().splitlines() if line.startswith("BENCH-DATA "))
    return json.loads(line.removeprefix("BENCH-DATA "))


def requests_for(scenario, data: dict, count: int):
    """(method, path, cookies, body) for each request, as wrk would send them."""
    if scenario.rotate:
        entries = data[scenario.rotate]
        for i in range(count):
            entry = entries[i % len(entries)]
            cookies = {"csrftoken": data["csrf"], "sessionid": entry["session"]}
            yield "POST", entry["path"], cookies, entry["body"]
        return
    cookies = {}
    if scenario.role:
        cookies = {"csrftoken": data["csrf"], "sessionid": data["sessions"][scenario.role]}
    path = scenario.resolve_path(data)
    for _ in range(count):
        yield scenario.method, path, cookies, ""


def send(client, method: str, path: str, cookies: dict, body: str):
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies[name] = value
    if method == "POST":
        return client.post(
            path, body, content_type="application/x-www-form-urlencoded", HTTP_HOST="127.0.0.1"
        )
    return client.get(path, HTTP_HOST="127.0.0.1")


class QueryClock:
    """A database execute wrapper: each statement's time, by its text."""

    def __init__(self):
        self.by_sql: dict[str, list[float]] = {}

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.by_sql.setdefault(sql, []).append(time.perf_counter() - began)

    def report(self, requests: int, elapsed: float, top: int = 12) -> str:
        total = sum(sum(times) for times in self.by_sql.values())
        count = sum(len(times) for times in self.by_sql.values())
        lines = [
            f"{elapsed / requests * 1000:.1f} ms a request, of which {total / requests * 1000:.1f}"
            f" ms in {count / requests:.1f} queries",
            "",
            "  total ms   runs  query",
        ]
        longest = sorted(self.by_sql.items(), key=lambda item: -sum(item[1]))[:top]
        for sql, times in longest:
            lines.append(
                f"{sum(times) * 1000:10.1f} {len(times):6d}  {' '.join(sql.split())[:160]}"
            )
        return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", help="a part of the scenario's name, as --only takes")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warm-up", type=int, default=5)
    parser.add_argument("--no-page-cache", action="store_true", help="PAGE_CACHE_SECONDS=0")
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    parser.add_argument(
        "--queries", action="store_true", help="time the queries instead of profiling"
    )
    args = parser.parse_args()

    chosen = [s for s in SCENARIOS if s.name == args.scenario] or [
        s for s in select(SCENARIOS, args.scenario) if args.scenario in s.name
    ]
    if len(chosen) != 1:
        names = ", ".join(s.name for s in chosen) or "none"
        raise SystemExit(f"{args.scenario!r} names {len(chosen)} scenarios ({names}); name one.")
    scenario = chosen[0]

    work = ROOT / "bench" / "results" / work_name(os.environ.get("DATABASE_URL"))
    os.environ.update(server_env(work))
    if args.no_page_cache:
        os.environ["PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    data = prepared_data()
    client = Client(enforce_csrf_checks=True)
    plan = list(requests_for(scenario, data, args.warm_up + args.requests))
    for request in plan[: args.warm_up]:
        response = send(client, *request)
        if response.status_code not in (200, 302):
            raise SystemExit(f"{request[1]} answered {response.status_code}, not 200 or 302")

    if args.queries:
        from django.db import connection

        clock = QueryClock()
        began = time.perf_counter()
        with connection.execute_wrapper(clock):
            for request in plan[args.warm_up :]:
                send(client, *request)
        print(clock.report(args.requests, time.perf_counter() - began))
        return

    profiler = Profiler(interval=0.0005)
    began = time.perf_counter()
    profiler.start()
    for request in plan[args.warm_up :]:
        send(client, *request)
    profiler.stop()
    elapsed = time.perf_counter() - began
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    each = elapsed / args.requests * 1000
    print(f"{scenario.name}: {args.requests} requests, {each:.1f} ms each (under the profiler)")
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
