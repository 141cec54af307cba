"""The benchmark's PostgreSQL database: created on its server when it is not there yet."""

import dj_database_url
import psycopg
from psycopg import errors, sql

# Settings Django reads from a database's OPTIONS that are not connection parameters.
_DJANGO_ONLY_OPTIONS = ("isolation_level", "server_side_binding", "pool", "assume_role")


def ensure_database(url: str) -> bool:
    """Create the PostgreSQL database ``url`` names if its server does not have it yet
    (a fresh server has only its ``postgres`` maintenance database). Connects to that
    maintenance database as the same user, who needs the CREATEDB privilege. Returns True
    when it created the database, False when it was already there."""
    settings = dj_database_url.parse(url)
    if settings["ENGINE"] != "django.db.backends.postgresql":
        raise ValueError("ensure_database needs a PostgreSQL DATABASE_URL.")
    name = settings["NAME"]
    if not name:
        raise ValueError("The DATABASE_URL names no database.")
    params = {
        key: value
        for key, value in (settings.get("OPTIONS") or {}).items()
        if key not in _DJANGO_ONLY_OPTIONS
    }
    params.update(
        {
            key: settings[field]
            for key, field in (
                ("user", "USER"),
                ("password", "PASSWORD"),
                ("host", "HOST"),
                ("port", "PORT"),
            )
            if settings.get(field)
        }
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as maintenance:
        if maintenance.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        try:
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except errors.DuplicateDatabase:
            # Another run created it between the look-up and here.
            return False
    return True
