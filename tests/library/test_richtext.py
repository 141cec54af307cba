"""Library rich text: the allow-list keeps editors' links and drops everything else."""

import pytest

from elearning.library.templatetags.library_tags import library_richtext
from tests.library.factories import library_index

pytestmark = pytest.mark.django_db


def test_a_link_to_another_page_keeps_its_address():
    index = library_index()
    html = library_richtext(f'<p>Read <a linktype="page" id="{index.pk}">the library</a>.</p>')
    assert f'<a href="{index.url}">the library</a>' in html


def test_outside_links_stay_and_scripts_go():
    html = library_richtext(
        '<p><a href="https://example.org/">ok</a> <a href="javascript:alert(1)">bad</a>'
        "<script>alert(2)</script><b>bold</b></p>"
    )
    assert '<a href="https://example.org/">ok</a>' in html
    assert "javascript:" not in html
    assert "<script" not in html
    assert "<b>bold</b>" in html


def test_a_link_to_a_deleted_page_goes_nowhere_rather_than_failing():
    html = library_richtext('<p><a linktype="page" id="999999">gone</a></p>')
    assert "gone" in html
    assert "href" not in html


def test_the_same_text_is_cleaned_once_and_a_change_is_cleaned_afresh(monkeypatch):
    from elearning.library.templatetags import library_tags

    library_tags._allowed_only.cache_clear()
    calls = []
    clean = library_tags._converter.whitelister.clean
    monkeypatch.setattr(
        library_tags._converter.whitelister, "clean", lambda html: calls.append(html) or clean(html)
    )
    first = library_richtext("<p>Same words<script>x()</script></p>")
    again = library_richtext("<p>Same words<script>x()</script></p>")
    changed = library_richtext("<p>New words<script>x()</script></p>")
    assert first == again and "<script" not in again
    assert "New words" in changed and "<script" not in changed
    assert len(calls) == 2
