"""Every inline script on the public pages is allowed by the policy, by its hash or its nonce.

The script at the top of base.html is allowed by its hash (settings.INLINE_SCRIPT_HASHES) so
that pages which use no nonce can be cached and shared. Changing that script without its hash
would leave every page without JavaScript; this test fails first.
"""

import base64
import hashlib
import re

import pytest

from tests.library import factories as f

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _script_src(policy: str) -> list[str]:
    for directive in policy.split(";"):
        name, *values = directive.split()
        if name == "script-src":
            return values
    raise AssertionError(f"no script-src in {policy!r}")


def _inline_scripts(html: str):
    for match in INLINE_SCRIPT.finditer(html):
        if "src=" not in match["attrs"]:
            yield match["attrs"], match["body"]


@pytest.mark.parametrize("kind", ["home", "guide", "library", "search"])
def test_each_inline_script_is_allowed_by_hash_or_nonce(client, kind):
    page = f.guide(title="Hashes and nonces")
    path = {
        "home": "/",
        "guide": page.url,
        "library": f.library_index().url,
        "search": "/search/?q=hashes",
    }[kind]
    response = client.get(path)
    assert response.status_code == 200
    allowed = _script_src(response["Content-Security-Policy"])
    scripts = list(_inline_scripts(response.content.decode()))
    assert scripts, "base.html's inline script is missing"
    for attrs, body in scripts:
        nonce = re.search(r'nonce="([^"]+)"', attrs)
        assert _sha256(body) in allowed or (nonce and f"'nonce-{nonce[1]}'" in allowed), body


def test_a_page_without_a_nonce_sends_no_nonce(client):
    response = client.get(f.guide(title="No nonce").url)
    assert "'nonce-" not in response["Content-Security-Policy"]
    assert "nonce=" not in response.content.decode()
