"""Library pages, index, search, PDFs, cache headers, team use and review reminders."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction, Workflow, WorkflowPage
from wagtail.test.utils import WagtailPageTestCase

from elearning.accounts.models import Sector
from elearning.core.forms import date_data
from elearning.library.models import (
    AgeGroup,
    AudienceSector,
    CaseReviewBriefingPage,
    HomePage,
    LibraryIndexPage,
    NeglectType,
    OneMinuteGuidePage,
    SevenMinuteBriefingPage,
    TeamUse,
    Theme,
)
from elearning.library.services import review_reminders_send
from elearning.reports.permissions import can_view_partnership_reports
from tests.factories import AgencyFactory, UserFactory

from . import factories as f

pytestmark = pytest.mark.django_db


def theme(slug):
    return Theme.objects.get(slug=slug)


# --- Taxonomy and models -------------------------------------------------------------------


def test_taxonomy_is_seeded_by_migration():
    assert Theme.objects.count() == 18
    assert set(NeglectType.objects.values_list("slug", flat=True)) == {
        "physical",
        "emotional",
        "medical",
        "educational",
        "supervisory",
    }
    assert list(AgeGroup.objects.values_list("slug", flat=True)) == [
        "unborn",
        "0-1",
        "1-4",
        "5-11",
        "12-17",
    ]
    assert set(AudienceSector.objects.values_list("code", flat=True)) == set(Sector.values)


class TestPageTypes(WagtailPageTestCase):
    def test_parent_and_child_types(self):
        self.assertAllowedParentPageTypes(LibraryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(
            LibraryIndexPage, {OneMinuteGuidePage, SevenMinuteBriefingPage, CaseReviewBriefingPage}
        )
        for model in (OneMinuteGuidePage, SevenMinuteBriefingPage, CaseReviewBriefingPage):
            self.assertAllowedParentPageTypes(model, {LibraryIndexPage})
            self.assertAllowedSubpageTypes(model, set())

    def test_each_type_renders(self):
        for page in (f.guide(), f.briefing(), f.case_review()):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(f.library_index())


def test_briefing_needs_exactly_seven_points():
    page = f.briefing()
    page.points = f.seven_points()[:6]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "points" in error.value.message_dict
    page.points = f.seven_points() + f.seven_points()[:1]
    with pytest.raises(ValidationError):
        page.full_clean()
    page.points = f.seven_points()
    page.full_clean()


def test_guide_longer_than_two_pages_is_refused():
    page = f.guide()
    page.what_is_it = "<p>" + "word " * 1100 + "</p>"
    with pytest.raises(ValidationError, match="two printed pages"):
        page.full_clean()


def test_review_by_must_follow_last_reviewed():
    page = f.guide()
    page.review_by = page.last_reviewed
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "review_by" in error.value.message_dict


def test_case_review_period_must_run_forwards():
    page = f.case_review()
    page.period_start, page.period_end = 2022, 2020
    with pytest.raises(ValidationError):
        page.full_clean()


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


# --- Index: filters, counts, paging, refusals ----------------------------------------------


def _titles(response):
    return [p.title for p in response.context["results"]]


def test_index_filters_combine_and_count(client):
    drift, chron = theme("case-drift-and-start-again-syndrome"), theme("chronologies")
    medical = NeglectType.objects.get(slug="medical")
    teens = AgeGroup.objects.get(slug="12-17")
    health = AudienceSector.objects.get(code="health")
    f.guide(title="Guide drift", themes=[drift], neglect=[medical], ages=[teens], sectors=[health])
    f.guide(title="Guide chronology", themes=[chron])
    f.briefing(title="Briefing drift", themes=[drift, chron])
    index = f.library_index()

    response = client.get(index.url, {"theme": "case-drift-and-start-again-syndrome"})
    assert _titles(response) == ["Briefing drift", "Guide drift"]
    response = client.get(
        index.url, {"theme": "case-drift-and-start-again-syndrome", "type": "guide"}
    )
    assert _titles(response) == ["Guide drift"]
    # Two values of one filter widen; different filters narrow.
    response = client.get(
        index.url, {"theme": ["case-drift-and-start-again-syndrome", "chronologies"]}
    )
    assert len(_titles(response)) == 3
    for params in ({"neglect": "medical"}, {"age": "12-17"}, {"sector": "health"}):
        assert _titles(client.get(index.url, params)) == ["Guide drift"]

    facets = {facet.name: facet for facet in response.context["facets"]}
    counts = {o.value: o.count for o in facets["type"].options}
    assert counts == {"guide": 2, "briefing": 1, "case-review": 0}
    theme_counts = {o.value: o.count for o in facets["theme"].options}
    assert theme_counts["case-drift-and-start-again-syndrome"] == 2
    assert theme_counts["chronologies"] == 2
    # Filtered URLs are plain GET addresses, so they can be bookmarked and shared.
    html = client.get(index.url, {"type": "guide"}).content.decode()
    assert 'value="guide" checked' in html


def test_index_ignores_unknown_filter_values_and_bad_pages(client):
    f.guide(title="Only guide")
    index = f.library_index()
    for params in (
        {"theme": "no-such-theme"},
        {"type": "quiz"},
        {"sector": "<script>"},
        {"age": ["x"] * 500},
        {"page": "abc"},
        {"page": "99999"},
    ):
        response = client.get(index.url, params)
        assert response.status_code == 200
        assert _titles(response) == ["Only guide"], params


def test_index_never_lists_drafts_or_private_pages(client):
    f.guide(title="Public guide")
    f.guide(title="Draft guide", live=False)
    private = f.guide(title="Private guide")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(f.library_index().url)
    assert _titles(response) == ["Public guide"]
    counts = {o.value: o.count for o in response.context["facets"][0].options}
    assert counts["guide"] == 1


def test_index_paginates(client):
    for i in range(25):
        f.guide(title=f"Guide {i:02d}")
    index = f.library_index()
    first = client.get(index.url)
    assert len(first.context["results"]) == 20
    second = client.get(index.url, {"page": 2})
    assert len(second.context["results"]) == 5


def test_library_nav_route_and_home_link(client):
    index = f.library_index()
    response = client.get("/library/")
    assert response.status_code == 200
    assert response.context["page"].pk == index.pk
    home = client.get("/").content.decode()
    assert 'href="/library/"' in home


def test_library_route_is_404_without_an_index(client):
    assert client.get("/library/").status_code == 404


# --- Query counts ---------------------------------------------------------------------------


def _make_pages(n, start, drift):
    for i in range(start, n):
        kind = f.guide if i % 2 else f.briefing
        kind(title=f"Page {i:03d}", slug=f"page-{i:03d}", themes=[drift])


def test_index_and_guide_query_counts_do_not_grow(client, django_assert_max_num_queries):
    drift = theme("case-drift-and-start-again-syndrome")
    _make_pages(5, 0, drift)
    index = f.library_index()
    guide = f.guide(title="Measured guide", themes=[drift])
    urls = [
        index.url,
        index.url + "?theme=case-drift-and-start-again-syndrome&type=guide",
        guide.url,
    ]
    few = {}
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(40) as ctx:
            client.get(url)
        few[url] = len(ctx.captured_queries)
    _make_pages(200, 5, drift)
    for url in urls:
        with django_assert_max_num_queries(40) as ctx:
            client.get(url)
        assert len(ctx.captured_queries) == few[url], url


def test_rollup_query_count_does_not_grow(staff, login, django_assert_max_num_queries):
    """Not with the team uses recorded, nor with the briefings listed."""
    client = login(staff)
    page = f.briefing()
    for _ in range(5):
        f.team_use(briefing_page=page, user=UserFactory())
    client.get("/library/tools/team-use/")
    with django_assert_max_num_queries(30) as ctx:
        client.get("/library/tools/team-use/")
    few = len(ctx.captured_queries)
    for _ in range(195):
        f.team_use(briefing_page=page, user=UserFactory())
    for _ in range(10):
        f.briefing()
    with django_assert_max_num_queries(30) as ctx:
        response = client.get("/library/tools/team-use/")
    assert len(ctx.captured_queries) == few
    assert response.content.decode().count("(CSV)</a>") == 11


# --- Search and sitemap ---------------------------------------------------------------------


def test_search_finds_guide_body_text_but_not_drafts_or_private(client):
    f.guide(title="Visible guide", what_to_do="<p>zebracrossing practice</p>")
    f.guide(title="Draft guide", what_to_do="<p>zebracrossing draft</p>", live=False)
    private = f.guide(title="Private guide", what_to_do="<p>zebracrossing secret</p>")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get("/search/", {"q": "zebracrossing"}).content.decode()
    assert "Visible guide" in html
    assert "Draft guide" not in html and "Private guide" not in html


def test_search_bounds_huge_strings(client):
    response = client.get("/search/", {"q": "x" * 100_000})
    assert response.status_code == 200
    assert len(response.context["query"]) == 200


def test_sitemap_has_only_live_public_library_pages(client):
    f.guide(slug="in-sitemap")
    f.guide(slug="draft-not-in-sitemap", live=False)
    private = f.guide(slug="private-not-in-sitemap")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    xml = client.get("/sitemap.xml").content.decode()
    assert "in-sitemap" in xml
    assert "draft-not-in-sitemap" not in xml
    assert "private-not-in-sitemap" not in xml


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


# --- Team use -------------------------------------------------------------------------------


def _form(**overrides):
    data = {
        "team": "School nursing team",
        **date_data("date_discussed", timezone.localdate()),
        "attendees": "7",
        "agreed_actions": "Record was not brought.",
        "how_we_will_know": "Audit.",
    }
    data.update(overrides)
    return data


def test_practitioner_records_team_use(practitioner, login):
    page = f.briefing()
    client = login(practitioner)
    url = f"/library/tools/team-use/{page.pk}/record/"
    assert client.get(url).status_code == 200
    response = client.post(url, _form())
    assert response.status_code == 302
    use = TeamUse.objects.get()
    assert use.recorded_by == practitioner
    assert use.agency == practitioner.agency
    assert use.attendees == 7


def test_team_use_refusals(practitioner, login, client):
    page = f.briefing()
    url = f"/library/tools/team-use/{page.pk}/record/"
    # Anonymous people are sent to sign in.
    assert client.post(url, _form()).status_code == 302
    signed_in = login(practitioner)
    future = timezone.localdate() + datetime.timedelta(days=3)
    for bad in (date_data("date_discussed", future), {"attendees": "0"}, {"team": ""}):
        response = signed_in.post(url, _form(**bad))
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    draft = f.briefing(live=False)
    assert signed_in.post(f"/library/tools/team-use/{draft.pk}/record/", _form()).status_code == 404
    guide = f.guide()
    assert signed_in.post(f"/library/tools/team-use/{guide.pk}/record/", _form()).status_code == 404
    assert TeamUse.objects.count() == 0


def _main_text(response) -> str:
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", main.split(">", 1)[1])


def test_rollup_lists_briefing_records_for_staff_and_admins_only(
    practitioner, supervisor, staff, moderator, partnership_admin, login
):
    page = f.briefing(title="Was not brought")
    draft = f.briefing(title="Home alone", live=False)
    school = AgencyFactory(name="St Anne's School")
    f.team_use(briefing_page=page, user=UserFactory(agency=school), attendees=5)
    f.team_use(briefing_page=page, user=UserFactory(agency=school), attendees=4)
    f.team_use(briefing_page=page, user=practitioner, attendees=3)
    for user in (staff, moderator, partnership_admin):
        assert can_view_partnership_reports(user)
        response = login(user).get("/library/tools/team-use/")
        assert response.status_code == 200
        html = response.content.decode()
        # Each briefing, published or not, links to its records; the figures are in the
        # partnership reports, under their disclosure control.
        for briefing, title in ((page, "Was not brought"), (draft, "Home alone")):
            link = (
                f'href="/library/tools/team-use/{briefing.pk}/csv/">Records for “{title}” (CSV)</a>'
            )
            assert link in html
        assert 'href="/reports/#briefings"' in html
        # No counts: not of uses, people or agencies.
        assert "rows" not in response.context
        text = _main_text(response)
        assert "St Anne" not in text
        assert not re.search(r"\d", text.replace("7-minute", "")), text
    for user in (practitioner, supervisor):
        assert not can_view_partnership_reports(user)
        assert login(user).get("/library/tools/team-use/").status_code == 403
        assert login(user).get(f"/library/tools/team-use/{page.pk}/csv/").status_code == 403


def test_rollup_with_no_briefings_says_so(staff, login):
    text = _main_text(login(staff).get("/library/tools/team-use/"))
    assert "There are no 7-minute briefings yet." in text


def test_rollup_csv_export(staff, login):
    page = f.briefing(title="Drift")
    f.team_use(briefing_page=page, user=UserFactory(), team="=HYPERLINK(1)")
    response = login(staff).get(f"/library/tools/team-use/{page.pk}/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert text.splitlines()[0].startswith("briefing,agency,team")
    assert "'=HYPERLINK(1)" in text


# --- Review ---------------------------------------------------------------------------------


def test_review_reminders_email_owners_of_due_and_overdue_pages(staff):
    today = timezone.localdate()
    f.guide(
        title="Overdue guide",
        content_owner=staff,
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=5),
    )
    f.guide(
        title="Due soon guide", content_owner=staff, review_by=today + datetime.timedelta(days=10)
    )
    f.guide(title="Fine guide", content_owner=staff, review_by=today + datetime.timedelta(days=200))
    f.guide(
        title="Ownerless",
        review_by=today - datetime.timedelta(days=5),
        last_reviewed=today - datetime.timedelta(days=400),
    )
    mail.outbox.clear()
    assert review_reminders_send(today=today) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff.email]
    assert "Overdue guide" in message.body and "overdue since" in message.body
    assert "Due soon guide" in message.body
    assert "Fine guide" not in message.body


def test_review_reminder_command_runs_the_task(staff):
    today = timezone.localdate()
    f.guide(
        title="Overdue guide",
        content_owner=staff,
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=5),
    )
    mail.outbox.clear()
    call_command("send_review_reminders")
    assert [m.to for m in mail.outbox] == [[staff.email]]


def test_admin_review_report_lists_due_pages(staff, practitioner, login):
    today = timezone.localdate()
    f.guide(
        title="Overdue guide",
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=5),
    )
    f.guide(title="Fine guide", review_by=today + datetime.timedelta(days=200))
    response = login(staff).get("/admin/reports/content-review/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Overdue guide" in html and "overdue" in html
    assert "Fine guide" not in html
    assert login(practitioner).get("/admin/reports/content-review/").status_code in (302, 403)


# --- Demo -----------------------------------------------------------------------------------


def test_demo_seed_is_idempotent_and_sets_up_workflow():
    from elearning.accounts.demo import seed_demo as accounts_seed
    from elearning.core.management.commands.seed_demo import Command  # noqa: F401
    from elearning.library.demo import seed_demo

    accounts_seed()
    seed_demo()
    seed_demo()
    assert OneMinuteGuidePage.objects.live().count() >= 4
    assert SevenMinuteBriefingPage.objects.live().count() == 2
    assert CaseReviewBriefingPage.objects.live().count() == 1
    index = LibraryIndexPage.objects.get()
    workflow = Workflow.objects.get(name="Library moderation")
    assert WorkflowPage.objects.get(page=index).workflow == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Partnership moderators"]
    for page in SevenMinuteBriefingPage.objects.all():
        page.full_clean()


def test_staff_manage_taxonomy_in_snippets(staff, practitioner, login):
    from elearning.accounts.roles_setup import roles_sync

    roles_sync()
    response = login(staff).get("/admin/snippets/library/theme/")
    assert response.status_code == 200
    assert "Professional desensitisation" in response.content.decode()
    assert login(practitioner).get("/admin/snippets/library/theme/").status_code in (302, 403)


def test_taxonomy_selectors_for_other_apps():
    from elearning.library import taxonomy

    assert taxonomy.themes_all().filter(slug="invisible-and-unseen-men").exists()
    Theme.objects.all().delete()
    taxonomy.taxonomy_ensure()
    assert taxonomy.themes_all().count() == 18


def test_anonymous_visitor_with_a_session_is_not_shared(client):
    page = f.guide()
    client.cookies["sessionid"] = "anything"
    response = client.get(page.url)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


class TestAdminForms(WagtailPageTestCase):
    """Editors create each format through the Wagtail admin forms."""

    def setUp(self):
        from elearning.accounts.roles_setup import roles_sync
        from tests.factories import role_user

        roles_sync()
        self.user = role_user("moderator")
        self.client.force_login(self.user, backend="django.contrib.auth.backends.ModelBackend")
        self.index = f.library_index()

    def _common(self, **extra):
        from wagtail.test.utils.form_data import rich_text

        data = {
            "title": "New page",
            "slug": "new-page",
            "summary": "Summary",
            "last_reviewed": "2026-01-01",
            "review_by": "2027-01-01",
            "themes": [theme("chronologies").pk],
        }
        data.update(extra)
        return data, rich_text

    def test_add_forms_render_for_each_type(self):
        for model in ("oneminuteguidepage", "sevenminutebriefingpage", "casereviewbriefingpage"):
            url = f"/admin/pages/add/library/{model}/{self.index.pk}/"
            self.assertEqual(self.client.get(url).status_code, 200, model)

    def test_briefing_with_seven_points_is_created_and_six_refused(self):
        from wagtail.test.utils.form_data import nested_form_data, streamfield

        data, rich_text = self._common(source_type="audit")

        def points(n):
            return streamfield(
                [
                    ("point", {"heading": f"P{i}", "body": rich_text(f"<p>t{i}</p>")})
                    for i in range(n)
                ]
            )

        good = nested_form_data(
            {**data, "points": points(7), "discussion_questions": streamfield([("question", "Q?")])}
        )
        self.assertCanCreate(self.index, SevenMinuteBriefingPage, good)
        bad = nested_form_data(
            {
                **data,
                "slug": "six-points",
                "points": points(6),
                "discussion_questions": streamfield([("question", "Q?")]),
            }
        )
        url = f"/admin/pages/add/library/sevenminutebriefingpage/{self.index.pk}/"
        response = self.client.post(url, bad)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(SevenMinuteBriefingPage.objects.filter(slug="six-points").exists())


def test_dashboard_panel_shows_staff_their_pages_due_for_review(staff, practitioner, login):
    today = timezone.localdate()
    f.guide(
        title="My overdue guide",
        content_owner=staff,
        last_reviewed=today - datetime.timedelta(days=400),
        review_by=today - datetime.timedelta(days=3),
    )
    html = login(staff).get("/dashboard/").content.decode()
    assert "Library content you look after" in html
    assert "My overdue guide" in html
    assert (
        "Library content you look after"
        not in login(practitioner).get("/dashboard/").content.decode()
    )
