"""Fixtures every test module can use: role users, logged-in clients, and the browser."""

import os
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from tests.factories import role_user

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and used TOTP codes live in the cache; tests must not share them."""
    from django.core.cache import cache

    from elearning.core import sitecache

    cache.clear()
    sitecache.forget()
    yield
    cache.clear()
    sitecache.forget()


@pytest.fixture
def no_page_cache(settings):
    """For tests that measure building a page: every request builds it (the page cache would
    answer a repeated anonymous request with no queries at all)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def site_cache_reads(monkeypatch):
    """``site_cache_reads()`` starts recording the keys Wagtail's site code (the sites' root
    paths) reads from the shared cache, and returns the list they are added to."""
    from wagtail.models import sites

    def start() -> list:
        read, real_get = [], sites.cache.get

        def get(key, *args, **kwargs):
            read.append(key)
            return real_get(key, *args, **kwargs)

        monkeypatch.setattr(sites.cache, "get", get)
        return read

    return start


@pytest.fixture
def practitioner(db):
    return role_user("practitioner")


@pytest.fixture
def other_practitioner(db):
    return role_user("practitioner")


@pytest.fixture
def supervisor(db):
    return role_user("supervisor")


@pytest.fixture
def staff(db):
    return role_user("staff")


@pytest.fixture
def moderator(db):
    return role_user("moderator")


@pytest.fixture
def partnership_admin(db):
    return role_user("admin")


@pytest.fixture
def login():
    """``login(user)`` returns a test client signed in as ``user`` (MFA stage already passed)."""

    def _login(user) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


# --- Browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab on the live server; console errors are collected on the tab.

    Browser tests run in transactions that are flushed afterwards, which also removes the page
    tree the migrations made, so it is put back first.
    """
    from elearning.accounts.roles_setup import roles_sync
    from elearning.library.site_setup import site_tree_ensure

    site_tree_ensure()
    roles_sync()  # page permissions hang off the root page, which the flush removed
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.console_errors = errors
    yield tab
    context.close()


def sign_in_by_session(context, user, live_server_url: str) -> None:
    """Sign a browser context in as ``user`` by copying a test client's session cookie (the
    MFA stage counts as passed), for journeys that are not about signing in."""
    from django.conf import settings

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server_url}]
    )


def axe_check(page, *, context_label: str = "") -> None:
    """Run axe (WCAG 2.x A and AA rules) on the page; fail on serious or critical violations.

    Axe goes in through the DevTools protocol, which the page's content security policy does
    not govern, so pages are checked exactly as they are served.
    """
    # A click that navigates may still be loading the next page: wait for it, and start again
    # if the page changes under axe.
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            result = _run_axe(page)
            break
        except PlaywrightError as error:
            if attempt == 2 or "context was destroyed" not in str(error):
                raise
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(str(n["target"][0]) if n["target"] else "?" for n in v["nodes"][:5])
        for v in bad
    )
    assert not bad, f"Accessibility problems on {context_label or page.url}:\n{details}"


def _run_axe(page) -> dict:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text() + "\n;0")
    return page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}
        })"""
    )


@pytest.fixture
def axe():
    return axe_check


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath) or "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
