"""`make bench` with a PostgreSQL DATABASE_URL creates the database it names when the server
does not have it yet. The PostgreSQL checks run when DATABASE_URL points at PostgreSQL (as CI's
PostgreSQL run does) and use that server; elsewhere they are skipped."""

import secrets
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from bench.database import ensure_database

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs a PostgreSQL server; runs when DATABASE_URL points at PostgreSQL",
)


def url_for(name: str) -> str:
    """A URL for database ``name`` on the suite's PostgreSQL server, as the suite's user."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return (
        f"postgres://{quote(db['USER'], safe='')}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{quote(name, safe='')}"
    )


def maintenance():
    db = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        autocommit=True,
    )


def exists(name: str) -> bool:
    with maintenance() as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


@pytest.mark.postgres
@needs_postgresql
def test_a_missing_database_is_created_once():
    # Capitals and a hyphen: the name only survives if it is quoted as an identifier.
    name = f"bench-Check-{secrets.token_hex(6)}"
    assert not exists(name)
    try:
        assert ensure_database(url_for(name)) is True
        assert exists(name)
        # A second run finds it and leaves it alone.
        assert ensure_database(url_for(name)) is False
        with psycopg.connect(url_for(name)) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == (name,)
    finally:
        with maintenance() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
    assert not exists(name)


def test_only_a_postgresql_url_is_accepted():
    with pytest.raises(ValueError, match="PostgreSQL"):
        ensure_database("sqlite:///bench.sqlite3")


def test_a_url_naming_no_database_is_refused_before_connecting():
    # No server answers at port 1: the refusal must come before any connection is tried.
    for url in ("postgres://postgres@127.0.0.1:1", "postgres://postgres@127.0.0.1:1/"):
        with pytest.raises(ValueError, match="names no database"):
            ensure_database(url)
