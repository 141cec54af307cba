"""Every page type and every app view, opened in Chromium by a role that may see it, at a
phone's width: axe finds no serious or critical problem, and the page does not scroll sideways.

The list of views comes from the authorisation matrix, so a new view is swept as soon as it has
a row. Page types come from ``tests/<app>/page_samples.py``; a page type without a sample fails.
Each page is loaded once, at 375 px, for both checks; the desktop layout is checked with axe by
the journeys (1200 px) and by tests/e2e/test_phone_layout.py (the header at 1280 px).
"""

import importlib
import re
from pathlib import Path

import pytest
from django.test import Client
from wagtail.models import Page, get_page_models

from tests.conftest import axe_check, sign_in_by_session
from tests.security.matrix import ANON, ROLES, Ctx
from tests.security.test_authorization_matrix import all_rows, make_users, url_for

pytestmark = pytest.mark.django_db(transaction=True)

TESTS_DIR = Path(__file__).resolve().parent.parent
SKIP_PREFIXES = ("/admin/", "/django-admin/")  # Wagtail's and Django's own admin screens
PHONE = {"width": 375, "height": 812}

# The elements that stick out past the right edge, innermost first, to say what to fix.
OVERFLOW_JS = """() => {
    const width = window.innerWidth;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
        const right = el.getBoundingClientRect().right;
        const child = [...el.children].some(c => c.getBoundingClientRect().right > width + 1);
        if (right > width + 1 && !child) {
            const name = [el.tagName.toLowerCase(), ...el.classList].join('.');
            wide.push(`${name} (${Math.round(right)}px)`);
        }
    }
    return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 3)};
}"""


def page_samples() -> dict:
    samples = {}
    for path in sorted(TESTS_DIR.glob("*/page_samples.py")):
        samples.update(importlib.import_module(f"tests.{path.parent.name}.page_samples").SAMPLES)
    return samples


def test_every_page_type_has_a_sample():
    # Abstract-in-practice bases (is_creatable False) never exist on their own.
    models = {m for m in get_page_models() if m is not Page and m.is_creatable}
    missing = sorted(m.__name__ for m in models - set(page_samples()))
    assert not missing, f"Page types without a sample in tests/<app>/page_samples.py: {missing}"


def sign_in(context, user, live_server_url):
    sign_in_by_session(context, user, live_server_url)


def is_html(url, role, ctx) -> bool:
    client = Client()
    if role != ANON:
        client.force_login(ctx.users[role], backend="django.contrib.auth.backends.ModelBackend")
    return "text/html" in client.get(url).get("Content-Type", "")


def sweep_targets(ctx) -> list[tuple[str, str]]:
    """(role, url) pairs: each HTML view once, as the least privileged role allowed to see it."""
    targets = []
    set_up = set()
    for name, (module, row) in sorted(all_rows().items()):
        if hasattr(module, "setup") and module.__name__ not in set_up:
            module.setup(ctx)
            set_up.add(module.__name__)
        allowed = [role for role in ROLES if row.expect[role] == 200]
        if not allowed or row.method != "GET":
            continue
        url = url_for(row, ctx)
        if url.startswith(SKIP_PREFIXES) or not is_html(url, allowed[0], ctx):
            continue  # downloads (CSV, PDF, XML) have no page to check
        targets.append((allowed[0], url))
    return targets


def overflow_problem(tab, label: str) -> str | None:
    """Why the page scrolls sideways, or None when it fits the window's width."""
    found = tab.evaluate(OVERFLOW_JS)
    if found["scrollWidth"] <= found["width"]:
        return None
    return (
        f"{label} is {found['scrollWidth']}px wide in a {found['width']}px window; "
        f"sticking out: {', '.join(found['wide']) or '?'}"
    )


def test_every_view_and_page_type_passes_axe_and_fits_a_phone(browser, live_server):
    from elearning.library.site_setup import site_tree_ensure

    site_tree_ensure()
    ctx = Ctx(users=make_users())
    targets = sweep_targets(ctx)
    for page in page_samples().values():
        targets.append((ANON, page().url))

    contexts = {}
    axe_failures = []
    too_wide = []
    checked = 0
    try:
        for role, url in targets:
            if role not in contexts:
                contexts[role] = browser.new_context(base_url=live_server.url, viewport=PHONE)
                if role != ANON:
                    sign_in(contexts[role], ctx.users[role], live_server.url)
            tab = contexts[role].new_page()
            tab.goto(url)
            label = f"{url} as {role}"
            try:
                axe_check(tab, context_label=label)
                checked += 1
            except AssertionError as error:
                axe_failures.append(str(error))
            if problem := overflow_problem(tab, label):
                too_wide.append(problem)
            tab.close()
    finally:
        for context in contexts.values():
            context.close()
    report = []
    if axe_failures:
        report.append("\n\n".join(axe_failures))
    if too_wide:
        report.append(f"Pages that scroll sideways at {PHONE['width']}px:\n" + "\n".join(too_wide))
    assert not report, "\n\n".join(report)
    assert checked >= 10, f"only {checked} pages were checked"


def test_keyboard_reaches_every_control_with_visible_focus_and_no_trap(page, live_server):
    page.goto("/")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                const visible = style.outlineStyle !== 'none' && style.outlineWidth !== '0px'
                    || style.boxShadow !== 'none'
                    || style.backgroundColor === 'rgb(255, 221, 0)';
                const text = (el.textContent || el.value || '').trim().slice(0, 40);
                return {tag: el.tagName, text, visible, inFooter: !!el.closest('footer')};
            }"""
        )
        if info["tag"] == "BODY":
            break
        assert info["visible"], f"no visible focus on {info}"
        seen.append(info)
        if info["inFooter"] and info["text"] == "Search":
            break
    texts = [item["text"] for item in seen]
    assert texts[0] == "Skip to main content"
    assert any(re.search("Sign in", t) for t in texts)
    assert any(item["inFooter"] for item in seen), f"focus never reached the footer: {texts}"
