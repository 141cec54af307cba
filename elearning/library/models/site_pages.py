"""The site's own pages: the home page and plain information pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from elearning.core.pagecache import CacheHeadersMixin

BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(CacheHeadersMixin, Page):
    """The site's front page: a short welcome and the routes into learning and supervision.

    Editors keep one, at the top of the tree; every other section (information pages, the
    library, courses, quizzes, toolkits) is made below it.
    """

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences under the title saying who the site is for."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        features=BODY_FEATURES,
        help_text=_("Optional text shown under the introduction."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "library.StandardPage",
        "library.LibraryIndexPage",
        "courses.CourseIndexPage",
        "quizzes.QuizPage",
        "toolkit.ToolkitPage",
    ]
    max_count = 1
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # Two levels or more below the home page (a guide in the library): one query for the
        # pages on the way instead of two per level. One level is already two queries.
        if len(path_components) < 2:
            return super().route(request, path_components)
        from ..routing import route_by_url_path

        return route_by_url_path(self, request, path_components)


class StandardPage(CacheHeadersMixin, Page):
    """A plain information page, such as the accessibility statement or privacy notice."""

    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("A sentence shown under the title and in search results."),
    )
    body = RichTextField(
        _("body"),
        features=BODY_FEATURES,
        help_text=_("The page text. Use headings so people using screen readers can navigate."),
    )

    parent_page_types = ["library.HomePage", "library.StandardPage"]
    subpage_types = ["library.StandardPage"]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("information page")
