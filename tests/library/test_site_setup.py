"""The demo seed, the taxonomy snippets, sessions for anonymous visitors and the admin forms."""

import pytest
from wagtail.models import Workflow, WorkflowPage
from wagtail.test.utils import WagtailPageTestCase

from elearning.library.models import (
    CaseReviewBriefingPage,
    LibraryIndexPage,
    OneMinuteGuidePage,
    SevenMinuteBriefingPage,
    Theme,
)

from . import factories as f

pytestmark = pytest.mark.django_db


def theme(slug):
    return Theme.objects.get(slug=slug)


# --- Demo -----------------------------------------------------------------------------------


def test_demo_seed_is_idempotent_and_sets_up_workflow():
    from elearning.core.management.commands.seed_demo import Command  # noqa: F401
    from seeding.accounts.demo import seed_demo as accounts_seed
    from seeding.library.demo import seed_demo

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
