"""The library index: the page readers browse and filter every guide and briefing from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from elearning.core.pagecache import CacheHeadersMixin


class LibraryIndexPage(CacheHeadersMixin, Page):
    """The library: every guide and briefing below it, with filters and paging."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("A sentence under the title saying what readers will find."),
    )

    parent_page_types = ["library.HomePage"]
    subpage_types = [
        "library.OneMinuteGuidePage",
        "library.SevenMinuteBriefingPage",
        "library.CaseReviewBriefingPage",
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "library/library_index_page.html"

    class Meta:
        verbose_name = _("library index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import library_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(library_listing(index_page=self, params=request.GET, request=request))
        return context
