"""What every guide and briefing shares: the abstract-in-practice ``LibraryPage``, its
queryset, and the word count readers and editors are shown."""

import math
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from elearning.core.pagecache import CacheHeadersMixin

from .taxonomy import AgeGroup, AudienceSector, NeglectType, Theme

WORDS_PER_MINUTE = 200


class LibraryPageQuerySet(PageQuerySet):
    def listable(self):
        """Published pages anyone may read: what listings, search and PDFs may show."""
        return self.live().public()

    def due_for_review(self, *, on_or_before):
        return self.filter(review_by__lte=on_or_before)


LibraryPageManager = PageManager.from_queryset(LibraryPageQuerySet)


def _text_of(value) -> str:
    """Plain text of a field value (rich text, stream data or a string)."""
    if value is None:
        return ""
    if hasattr(value, "render_as_block"):
        return strip_tags(str(value.render_as_block()))
    return strip_tags(str(value))


class LibraryPage(CacheHeadersMixin, Page):
    """Fields every library page shares: summary, taxonomy, owner and review dates.

    Not created directly; editors create one of the three formats in ``briefings``. Listings,
    search, PDFs and review reminders read every format through this model.
    """

    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="pages", verbose_name=_("themes")
    )
    neglect_types = ParentalManyToManyField(
        NeglectType, blank=True, related_name="pages", verbose_name=_("neglect types")
    )
    age_groups = ParentalManyToManyField(
        AgeGroup, blank=True, related_name="pages", verbose_name=_("age groups")
    )
    audience_sectors = ParentalManyToManyField(
        AudienceSector,
        blank=True,
        related_name="pages",
        verbose_name=_("audience sectors"),
        help_text=_("Leave empty if the page is for every sector."),
    )
    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_library_pages",
        verbose_name=_("content owner"),
        help_text=_("The person who keeps this page up to date. They get review reminders."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"), help_text=_("When the content was last checked as still correct.")
    )
    review_by = models.DateField(
        _("review by"),
        help_text=_("When the content must next be checked. Readers are told after this date."),
    )

    objects = LibraryPageManager()

    is_creatable = False
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("review_by"),
    ]
    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("neglect_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("age_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audience_sectors", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Taxonomy"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("content_owner"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_by")]),
            ],
            heading=_("Ownership and review"),
        ),
    ]

    class Meta:
        verbose_name = _("library page")

    def clean(self):
        super().clean()
        if self.last_reviewed and self.review_by and self.review_by <= self.last_reviewed:
            raise ValidationError(
                {"review_by": _("The review-by date must be after the last-reviewed date.")}
            )

    @property
    def type_label(self) -> str:
        """The format's name, from the content type (cached), so listings need no extra query."""
        model = self.specific_class or type(self)
        return str(model._meta.verbose_name)

    @property
    def is_past_review(self) -> bool:
        return bool(self.review_by) and self.review_by < timezone.localdate()

    def text_fields(self) -> list:
        """Field values that make up the body text; each format lists its own."""
        return [self.summary]

    def word_count(self) -> int:
        text = " ".join(_text_of(value) for value in self.text_fields())
        return len(re.findall(r"\w+", text))

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count() / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        from ..selectors import library_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_page_context(page=self, request=request))
        return context
