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
