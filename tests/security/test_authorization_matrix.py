"""Walks every named URL and checks each role's outcome against the declared matrix."""

import importlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import role_user
from tests.security.matrix import (
    ADMIN,
    ANON,
    LOGIN,
    OTHER,
    PRACTITIONER,
    PROJECT_ADMIN_NAMESPACES,
    REDIRECT,
    ROLES,
    STAFF,
    SUPERVISOR,
    THIRD_PARTY_PREFIXES,
    Ctx,
)

TESTS_DIR = Path(__file__).resolve().parent.parent


def row_modules():
    for path in sorted(TESTS_DIR.glob("*/authz_rows.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.authz_rows")


def all_rows():
    rows = {}
    for module in row_modules():
        for row in module.ROWS:
            assert row.name not in rows, f"two rows for {row.name}"
            rows[row.name] = (module, row)
    return rows


def named_urls(patterns=None, prefix="", namespace=None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from named_urls(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern).lstrip("^"), name


def needs_row(route: str, name: str) -> bool:
    if not route.startswith(THIRD_PARTY_PREFIXES):
        return True
    return name.split(":")[0] in PROJECT_ADMIN_NAMESPACES or name in (
        "wagtailadmin_home",
        "wagtailadmin_login_redirect",
        "admin:index",
    )


def test_every_named_url_has_a_row():
    declared = set(all_rows())
    served = {name for route, name in named_urls() if needs_row(route, name)}
    missing = sorted(served - declared)
    stale = sorted(declared - {name for _, name in named_urls()})
    assert not missing, f"URLs without a row in the authorisation matrix: {missing}"
    assert not stale, f"Rows for URLs the site no longer serves: {stale}"


def make_users():
    return {
        PRACTITIONER: role_user("practitioner"),
        OTHER: role_user("practitioner"),
        SUPERVISOR: role_user("supervisor"),
        STAFF: role_user("staff"),
        ADMIN: role_user("admin"),
    }


def client_for(role, users) -> Client:
    client = Client()
    if role != ANON:
        client.force_login(users[role], backend="django.contrib.auth.backends.ModelBackend")
    return client


def url_for(row, ctx) -> str:
    built = row.args(ctx) if row.args else None
    if isinstance(built, dict):
        return reverse(row.name, kwargs=built)
    if built is not None:
        return reverse(row.name, args=built)
    return reverse(row.name)


def outcome_of(response) -> object:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        return LOGIN if location.startswith(reverse("account_login")) else REDIRECT
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(all_rows()))
def test_each_role_gets_the_declared_outcome(name):
    module, row = all_rows()[name]
    ctx = Ctx(users=make_users())
    if hasattr(module, "setup"):
        module.setup(ctx)
    url = url_for(row, ctx)
    actual = {}
    for role in ROLES:
        client = client_for(role, ctx.users)
        response = client.post(url) if row.method == "POST" else client.get(url)
        actual[role] = outcome_of(response)
    wrong = {
        role: f"expected {row.expect[role]}, got {actual[role]}"
        for role in ROLES
        if actual[role] != row.expect[role]
    }
    assert not wrong, f"{name} ({url}): {wrong}"
