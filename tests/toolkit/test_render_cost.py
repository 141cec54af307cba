"""What an uncached render of the public toolkit page costs: the same queries however many
areas it has and however many other pages the site holds."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.toolkit.factories import make_toolkit

pytestmark = pytest.mark.django_db

# The site and route (home page, toolkit row and its specific row), the view restrictions,
# the footer settings with their pages, and the site root paths.
TOOLKIT_BUDGET = 10


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_toolkit_page_queries_do_not_grow_with_areas_or_pages():
    client = Client()
    small = make_toolkit(areas=3)
    few = _queries(client, small.url)
    for _ in range(5):
        make_toolkit(areas=9)
    full = make_toolkit(areas=9)
    assert _queries(client, full.url) == few
    assert few <= TOOLKIT_BUDGET


def test_indicator_labels_are_on_every_row_of_every_area():
    toolkit = make_toolkit(areas=9)
    html = Client().get(toolkit.url).content.decode()
    # Four levels in each of nine areas, each row labelled for the narrow-screen layout.
    assert html.count('data-label="Level"') == 36
    assert html.count('data-label="What you may see"') == 36
