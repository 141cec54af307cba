"""Library pages as readers get them: how they render, escaping, PDFs and cache headers.
Their rules are tested with their models (``test_models_*``)."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from elearning.library.models import (
    HomePage,
    Theme,
)

from . import factories as f

pytestmark = pytest.mark.django_db


def theme(slug):
    return Theme.objects.get(slug=slug)


# --- Page rendering -------------------------------------------------------------------------


def test_guide_shows_fixed_headings_reading_time_and_last_reviewed(client):
    page = f.guide(title="Chronologies", last_reviewed=datetime.date(2026, 3, 4))
    html = client.get(page.url).content.decode()
    for heading in (
        "What is it?",
        "Who does it affect?",
        "What can it look like?",
        "Why does it matter?",
        "What should I do?",
        "Where can I get help?",
    ):
        assert heading in html
    assert "Reading time" in html and "1 minute" in html
    assert "4 March 2026" in html
    assert "past-review" not in html


def test_past_review_page_warns_readers(client):
    today = timezone.localdate()
    page = f.guide(
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=1),
    )
    html = client.get(page.url).content.decode()
    assert 'data-testid="past-review"' in html
    assert "was due for review" in html


def test_briefing_numbers_seven_points_and_lists_questions(client):
    page = f.briefing(discussion_questions=[("question", "What will our team do first?")])
    html = client.get(page.url).content.decode()
    assert html.count("app-seven-points__item") == 7
    assert "What will our team do first?" in html


def test_case_review_lists_reviews_drawn_on(client):
    page = f.case_review()
    html = client.get(page.url).content.decode()
    assert "Reviews published from 2021 to 2022" in html
    assert "A review" in html


def test_related_content_shares_themes_and_skips_drafts(client):
    drift = theme("case-drift-and-start-again-syndrome")
    page = f.guide(title="Main", themes=[drift])
    f.briefing(title="Shares a theme", themes=[drift])
    f.guide(title="Draft sharing", themes=[drift], live=False)
    f.guide(title="Unrelated page", themes=[theme("chronologies")])
    related = client.get(page.url).context["related_pages"]
    assert [p.title for p in related] == ["Shares a theme"]


def test_page_has_actions_block_and_pdf_link(client):
    page = f.guide()
    html = client.get(page.url).content.decode()
    assert f"/library/tools/pdf/{page.pk}/" in html


# --- XSS ------------------------------------------------------------------------------------

PAYLOAD = '<script>alert("x")</script>'


def test_stored_script_in_every_field_is_escaped(client):
    bad_theme = Theme.objects.create(name=f"Theme {PAYLOAD}", slug="bad-theme")
    guide = f.guide(
        title=f"Guide {PAYLOAD}",
        summary=f"Summary {PAYLOAD}",
        audience=f"Audience {PAYLOAD}",
        what_is_it=f"<p>Rich {PAYLOAD}<img src=x onerror=alert(1)></p>",
        who_it_affects=f"<p>{PAYLOAD}</p>",
        what_it_looks_like=f"<p>{PAYLOAD}</p>",
        why_it_matters=f"<p>{PAYLOAD}</p>",
        what_to_do=f"<p>{PAYLOAD}</p>",
        where_to_get_help=f"<p>{PAYLOAD}</p>",
        key_facts=[("fact", {"fact": PAYLOAD, "source": PAYLOAD})],
        further_information=[
            ("link", {"title": PAYLOAD, "url": "javascript:alert(1)", "description": PAYLOAD})
        ],
        themes=[bad_theme],
    )
    briefing = f.briefing(
        title="Briefing",
        summary=PAYLOAD,
        points=[("point", {"heading": PAYLOAD, "body": f"<p>{PAYLOAD}</p>"})] * 7,
        discussion_questions=[("question", PAYLOAD)],
        themes=[bad_theme],
    )
    from elearning.library.models import CaseReviewSource

    review = f.case_review(
        title="Review",
        introduction=f"<p>{PAYLOAD}</p>",
        why_commissioned=f"<p>{PAYLOAD}</p>",
        key_issues=[("issue", {"heading": PAYLOAD, "body": f"<p>{PAYLOAD}</p>"})],
        learning=[("learning", {"heading": PAYLOAD, "body": f"<p>{PAYLOAD}</p>"})],
        further_reading=[("link", {"title": PAYLOAD, "url": "", "description": PAYLOAD})],
        reviews=[CaseReviewSource(year=2021, area=PAYLOAD, title=PAYLOAD)],
    )
    urls = [guide.url, briefing.url, review.url, f.library_index().url, "/search/?q=Guide"]
    for url in urls:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "onerror" not in html, url
        assert 'href="javascript' not in html, url
    assert "&lt;script&gt;" in client.get(guide.url).content.decode()


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_of_published_page(client):
    page = f.guide(title="Printable guide")
    response = client.get(f"/library/tools/pdf/{page.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="printable-guide.pdf"' in response["Content-Disposition"]


def test_pdf_refused_for_drafts_private_and_unknown_pages(client, staff, login):
    draft = f.guide(live=False)
    private = f.guide()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for c in (client, login(staff)):
        assert c.get(f"/library/tools/pdf/{draft.pk}/").status_code == 404
        assert c.get(f"/library/tools/pdf/{private.pk}/").status_code == 404
        assert c.get("/library/tools/pdf/999999/").status_code == 404
    home = HomePage.objects.get()
    assert client.get(f"/library/tools/pdf/{home.pk}/").status_code == 404


# --- Cache headers --------------------------------------------------------------------------


def test_anonymous_responses_are_cacheable_and_signed_in_are_private(client, practitioner, login):
    page = f.guide()
    index = f.library_index()
    for url in (page.url, index.url):
        anonymous = client.get(url)
        assert "public" in anonymous["Cache-Control"]
        assert "max-age=" in anonymous["Cache-Control"]
        assert "Cookie" in anonymous["Vary"]
        signed_in = login(practitioner).get(url)
        assert "private" in signed_in["Cache-Control"]
        assert "public" not in signed_in["Cache-Control"]
