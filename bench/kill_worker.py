"""The worker-kill experiment: queue e-mails, ``kill -9`` the worker part-way, start two more.

    .venv/bin/python -m bench.kill_worker                 # 400 e-mails, PostgreSQL on 127.0.0.1
    .venv/bin/python -m bench.kill_worker --emails 1000 --stale-after 30

Uses its own database (``elearning_kill_bench``, made afresh on the PostgreSQL server in
``DATABASE_URL``'s host, default postgres://postgres@127.0.0.1:5432) and production settings.
E-mails go to files (tests/core/slow_mail.py, 100 ms a message). Prints how many messages were
queued, sent, sent twice and lost, and how long the killed worker's task waited. Not part of
the test suite.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_NAME = "elearning_kill_bench"

QUEUE = """
from elearning.core.emails import email_send
for i in range({n}):
    email_send(subject=f"Message {{i}}", body="Reminder", to=[f"person{{i}}@example.org"])
"""
TABLE = "django_tasks_database_dbtaskresult"


def statuses(url: str) -> dict:
    with psycopg.connect(url) as conn:
        return dict(conn.execute(f"SELECT status, count(*) FROM {TABLE} GROUP BY status"))


def requeued(url: str) -> list:
    query = f"SELECT id, jsonb_array_length(worker_ids), status FROM {TABLE}"
    with psycopg.connect(url) as conn:
        return [row for row in conn.execute(query) if row[1] > 1]


def database_env(server_url: str) -> dict:
    parts = urllib.parse.urlparse(server_url)
    with psycopg.connect(server_url, dbname="postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    url = parts._replace(path=f"/{DB_NAME}").geturl()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args, code=None):
    cmd = [PY, "manage.py", *args] + (["-v", "0", "-c", code] if code else [])
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, text=True, capture_output=True)


def worker(env, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PY, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def messages(mail_dir: Path) -> list[str]:
    ids = []
    for path in mail_dir.glob("*.log"):
        ids += [line for line in path.read_text().splitlines() if line.startswith("Message-ID:")]
    return ids


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=400)
    parser.add_argument("--stale-after", type=int, default=60)
    parser.add_argument("--kill-after", type=int, default=100, help="messages sent before kill")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    env = database_env(server)
    work = Path(tempfile.mkdtemp(prefix="kill-bench-"))
    mail_dir = work / "mail"
    mail_dir.mkdir()
    env.update(
        EMAIL_BACKEND="tests.core.slow_mail.EmailBackend",
        TEST_MAIL_DIR=str(mail_dir),
        TEST_MAIL_DELAY="0.1",
        TASK_STALE_AFTER_SECONDS=str(args.stale_after),
    )
    print(f"Migrating {DB_NAME} ...", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "shell", code=QUEUE.format(n=args.emails))
    print(f"Queued {args.emails} e-mails; starting the first worker", flush=True)

    url = env["DATABASE_URL"]
    first = worker(env, work / "first.log")
    while len(messages(mail_dir)) < args.kill_after:
        time.sleep(0.05)
    while statuses(url).get("RUNNING", 0) == 0:  # kill it in the middle of a task
        time.sleep(0.002)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = time.monotonic()
    print(f"Killed the first worker after {len(messages(mail_dir))} e-mails", flush=True)
    print("  task rows:", statuses(url), flush=True)

    others = [worker(env, work / f"worker{i}.log") for i in (2, 3)]
    try:
        while True:
            status = statuses(url)
            if not status.get("READY") and not status.get("RUNNING"):
                break
            time.sleep(0.2)
    finally:
        for process in others:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    finished_after = time.monotonic() - killed_at
    ids = messages(mail_dir)
    unique = set(ids)
    print(f"  task rows: {status}")
    for pk, claims, state in requeued(url):
        print(f"  task {pk}: claimed by {claims} workers, {state}")
    print(
        f"queued {args.emails}, sent {len(unique)} distinct, {len(ids) - len(unique)} sent twice, "
        f"{args.emails - len(unique)} lost; all done {finished_after:.0f} s after the kill "
        f"(stale after {args.stale_after} s)"
    )


if __name__ == "__main__":
    main()
