"""The home page and information pages (``elearning.library.models.site_pages``)."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage
from elearning.library.models import HomePage, LibraryIndexPage, StandardPage
from quizzes.models import QuizPage
from toolkit.models import ToolkitPage

from .test_site_pages import add_page

pytestmark = pytest.mark.django_db


class TestPageTypes(WagtailPageTestCase):
    def test_home_page_is_the_site_root_and_renders(self):
        home = HomePage.objects.get()
        self.assertPageIsRoutable(home)
        self.assertPageIsRenderable(home)

    def test_standard_page_parents_and_children(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_every_section_and_nothing_else(self):
        self.assertAllowedSubpageTypes(
            HomePage, {StandardPage, LibraryIndexPage, CourseIndexPage, QuizPage, ToolkitPage}
        )

    def test_standard_page_renders(self):
        page = add_page("About neglect", "<h2>Heading</h2><p>Body words</p>")
        self.assertPageIsRenderable(page)
        response = self.client.get(page.url)
        self.assertContains(response, "Body words")
