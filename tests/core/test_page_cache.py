"""The page cache: public pages kept for anonymous visitors, never anything personal.

What is kept, what is refused, and what purges (elearning/core/pagecache.py).
"""

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from wagtail.models import Page

from elearning.core import pagecache
from elearning.library.models import Theme
from tests.library import factories as f

pytestmark = pytest.mark.django_db


def _state(response) -> str:
    return response[pagecache.HEADER]


@pytest.fixture
def guide():
    return f.guide(title="Kept for everyone")


def test_an_anonymous_page_is_built_once_then_served_from_the_cache(
    client, guide, django_assert_num_queries
):
    first = client.get(guide.url)
    assert _state(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(guide.url)
    assert _state(second) == "hit"
    assert second.content == first.content
    # The kept page keeps its policy and framing headers, and sets no cookie.
    for header in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control", "Vary"):
        assert second[header] == first[header], header
    assert "public" in second["Cache-Control"]
    assert not second.cookies


def test_each_address_is_kept_apart(client):
    f.guide(title="Apples in the larder")
    f.guide(title="Oranges in the fridge")
    apples = client.get("/search/?q=apples")
    oranges = client.get("/search/?q=oranges")
    assert "Apples in the larder" in apples.content.decode()
    assert "Apples in the larder" not in oranges.content.decode()
    quoted = client.get("/search/?q=%22apples%27")
    assert quoted.status_code == 200 and _state(quoted) == "miss"
    again = client.get("/search/?q=oranges")
    assert _state(again) == "hit" and "Oranges in the fridge" in again.content.decode()


def test_head_is_answered_from_a_kept_page(client, guide):
    client.get(guide.url)
    assert _state(client.head(guide.url)) == "hit"


@pytest.mark.parametrize("path", ["/", "/search/?q=neglect", "library"])
def test_the_home_page_search_and_library_index_are_kept(client, path):
    f.guide(title="Something to find about neglect")
    if path == "library":
        path = f.library_index().url
    assert _state(client.get(path)) == "miss"
    assert _state(client.get(path)) == "hit"


# --- Purging -------------------------------------------------------------------------------


def test_publishing_a_new_version_purges_it(client, guide):
    client.get(guide.url)
    guide.title = "Changed after publishing"
    guide.save_revision().publish()
    response = client.get(guide.url)
    assert _state(response) == "miss"
    assert "Changed after publishing" in response.content.decode()


def test_unpublishing_purges_it(client, guide):
    url = guide.url
    client.get(url)
    guide.unpublish()
    assert client.get(url).status_code == 404


def test_a_new_page_shows_in_a_kept_index(client):
    index = f.library_index()
    client.get(index.url)
    f.guide(title="Published a moment ago")
    response = client.get(index.url)
    assert _state(response) == "miss"
    assert "Published a moment ago" in response.content.decode()


def test_moving_a_page_purges_it(client, guide):
    old_url = guide.url
    client.get(old_url)
    home = Page.objects.get(depth=2)
    guide.move(home, pos="last-child")
    guide.refresh_from_db()
    assert guide.url != old_url
    # Wagtail leaves a redirect at the old address; the kept page there is gone.
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == guide.url


def test_deleting_a_page_purges_it(client, guide):
    url = guide.url
    client.get(url)
    guide.delete()
    assert client.get(url).status_code == 404


def test_saving_a_snippet_purges_pages(client):
    theme = Theme.objects.order_by("pk").first()
    page = f.guide(title="Themed", themes=[theme])
    client.get(page.url)
    theme.name = "A theme renamed by an editor"
    theme.save()
    response = client.get(page.url)
    assert _state(response) == "miss"
    assert "A theme renamed by an editor" in response.content.decode()


def test_a_purge_reaches_a_page_kept_before_it_even_when_the_generation_was_lost(client, guide):
    client.get(guide.url)
    # The shared cache dropped the generation (culled, or restarted without its pages).
    pagecache._cache().delete(pagecache.GENERATION_KEY)
    assert _state(client.get(guide.url)) == "miss"


# --- Who is never given a kept page ---------------------------------------------------------


def test_a_signed_in_person_never_gets_a_kept_page(client, guide, practitioner):
    client.get(guide.url)
    client.force_login(practitioner)
    response = client.get(guide.url)
    assert _state(response) == "skip"
    assert "Your profile" in response.content.decode()
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    # And nothing they were shown was kept for the next visitor.
    anonymous = Client().get(guide.url)
    assert _state(anonymous) == "hit" and "Your profile" not in anonymous.content.decode()


def test_signed_in_answers_are_marked_private(client, practitioner):
    client.force_login(practitioner)
    for path in ("/dashboard/", "/profile/", "/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]


def test_a_visitor_with_a_session_cookie_is_not_served_from_the_cache(client, guide):
    client.get(guide.url)
    client.cookies["sessionid"] = "not-a-real-session"
    response = client.get(guide.url)
    assert _state(response) == "skip"
    assert "private" in response["Cache-Control"]


def test_a_visitor_with_a_message_waiting_sees_it(guide):
    visitor = Client()
    visitor.get(guide.url)
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(20, "Your message is here")
    carrier = HttpResponse()
    storage.update(carrier)
    visitor.cookies["messages"] = carrier.cookies["messages"].value
    response = visitor.get(guide.url)
    assert _state(response) == "skip"
    assert "Your message is here" in response.content.decode()


def test_a_page_with_a_form_is_never_kept(client):
    login = client.get("/accounts/login/")
    assert _state(login) == "skip"
    assert _state(client.get("/accounts/login/")) == "skip"


@override_settings(PAGE_CACHE_SECONDS=0)
def test_it_can_be_turned_off(client, guide):
    client.get(guide.url)
    assert _state(client.get(guide.url)) == "skip"


# --- The rules, one by one ------------------------------------------------------------------


def _public(content=b"<p>page</p>", **headers):
    response = HttpResponse(content)
    response["Cache-Control"] = "public, max-age=300"
    response["Content-Security-Policy"] = "script-src 'self' 'sha256-abc='"
    response["Vary"] = "Cookie, Accept-Language"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _anonymous_get():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/page/")
    request.user = AnonymousUser()
    return request


def test_a_plain_public_page_is_keepable():
    assert pagecache._response_is_keepable(_anonymous_get(), _public())


@pytest.mark.parametrize(
    "change",
    [
        "private",
        "no_store",
        "not_public",
        "cookie",
        "nonce",
        "vary",
        "csrf",
        "status",
        "post",
    ],
)
def test_anything_personal_is_not_keepable(change):
    request, response = _anonymous_get(), _public()
    if change == "private":
        response["Cache-Control"] = "public, private"
    elif change == "no_store":
        response["Cache-Control"] = "public, no-store"
    elif change == "not_public":
        response["Cache-Control"] = "max-age=300"
    elif change == "cookie":
        response.set_cookie("csrftoken", "abc")
    elif change == "nonce":
        response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
    elif change == "vary":
        response["Vary"] = "Cookie, Authorization"
    elif change == "csrf":
        response = _public(b'<input name="csrfmiddlewaretoken" value="x">')
    elif change == "status":
        response.status_code = 404
    elif change == "post":
        request = RequestFactory().post("/page/")
    assert not pagecache._response_is_keepable(request, response)


def test_a_kept_page_carries_no_cookie_to_the_next_visitor():
    response = _public()
    response.set_cookie("csrftoken", "abc")
    response[pagecache.HEADER] = "miss"
    status, headers, content = pagecache._freeze(response)
    names = {name.lower() for name, _ in headers}
    assert "set-cookie" not in names and pagecache.HEADER.lower() not in names
    assert not pagecache._thaw((status, headers, content)).cookies


def test_making_a_page_private_stops_it_being_served_from_the_cache(client, guide):
    """Wagtail's privacy setting saves a view restriction, not the page: that must purge too,
    or a page made private stays readable to anyone for as long as it was kept."""
    from wagtail.models import PageViewRestriction

    client.get(guide.url)
    assert _state(client.get(guide.url)) == "hit"
    restriction = PageViewRestriction.objects.create(page=guide, restriction_type="login")
    refused = client.get(guide.url)
    assert refused.status_code == 302 and "Kept for everyone" not in refused.content.decode()
    restriction.delete()
    client.get(guide.url)
    assert _state(client.get(guide.url)) == "hit"
