"""Pages of the public site and the learning library: guides, briefings, their taxonomy and
the records teams keep of how they used a briefing."""

import math
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from elearning.accounts.models import Sector

# Migrations name the mixin here; it lives with the page cache it feeds.
from elearning.core.pagecache import CacheHeadersMixin, response_is_shareable  # noqa: F401

from . import blocks

BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(CacheHeadersMixin, Page):
    """The site's front page: a short welcome and the routes into learning and supervision."""

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
        from .routing import route_by_url_path

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


@register_setting(icon="site")
class FooterSettings(BaseSiteSetting):
    """Pages linked from every page's footer."""

    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
    )

    panels = [PageChooserPanel("accessibility_page"), PageChooserPanel("privacy_page")]
    # Every page's footer links to both: read them with the settings row, not one query each.
    select_related = ["accessibility_page", "privacy_page"]

    class Meta:
        verbose_name = _("footer links")


# --- Taxonomy ------------------------------------------------------------------------------
# Simple, stable models: quizzes, courses and supervision point at them too (see taxonomy.py).


class TaxonomyTerm(models.Model):
    """A named term with a stable slug used in filter URLs."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in web addresses of filtered lists. Changing it breaks bookmarks."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Theme(index.Indexed, TaxonomyTerm):
    """A practice theme shared by guides, briefings, quiz questions, courses and supervision."""

    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("One sentence saying what the theme covers."),
    )
    panels = TaxonomyTerm.panels + [FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class NeglectType(TaxonomyTerm):
    """A type of neglect: physical, emotional, medical, educational or supervisory."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("neglect type")
        verbose_name_plural = _("neglect types")


class AgeGroup(TaxonomyTerm):
    """An age group of children the content is about (unborn, 0-1, 1-4, 5-11, 12-17)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")


class AudienceSector(models.Model):
    """An audience sector, one per ``accounts.Sector`` choice, so pages can be filtered by it."""

    code = models.CharField(_("sector"), max_length=32, choices=Sector.choices, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("audience sector")
        verbose_name_plural = _("audience sectors")

    def __str__(self):
        return str(self.get_code_display())

    @property
    def slug(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return str(self.get_code_display())


# --- Library pages -------------------------------------------------------------------------

WORDS_PER_MINUTE = 200
# Two printed A4 pages of the one-minute guide layout hold about this many words.
ONE_MINUTE_GUIDE_MAX_WORDS = 1000


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

    Not created directly; editors create one of the three formats below.
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
        from .selectors import related_pages

        context = super().get_context(request, *args, **kwargs)
        themes = list(self.themes.all())
        context["themes"] = themes
        context["related_pages"] = related_pages(
            page=self, theme_ids=[theme.id for theme in themes]
        )
        return context


class OneMinuteGuidePage(LibraryPage):
    """A one-minute guide: one topic under fixed headings, fitting at most two printed A4 pages."""

    series_number = models.PositiveSmallIntegerField(
        _("series number"),
        help_text=_("The guide's number in the one-minute guide series."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=200,
        help_text=_("Who the guide is written for, for example 'All practitioners' or 'Schools'."),
    )
    what_is_it = RichTextField(_("what is it?"), features=blocks.POINT_FEATURES)
    who_it_affects = RichTextField(_("who does it affect?"), features=blocks.POINT_FEATURES)
    what_it_looks_like = RichTextField(_("what can it look like?"), features=blocks.POINT_FEATURES)
    why_it_matters = RichTextField(_("why does it matter?"), features=blocks.POINT_FEATURES)
    what_to_do = RichTextField(_("what should I do?"), features=blocks.POINT_FEATURES)
    key_facts = StreamField(
        [("fact", blocks.KeyFactBlock())],
        blank=True,
        verbose_name=_("key facts"),
        help_text=_("Up to five facts or figures, each with its source."),
        max_num=5,
    )
    where_to_get_help = RichTextField(_("where can I get help?"), features=blocks.POINT_FEATURES)
    further_information = StreamField(
        [("link", blocks.LinkBlock())], blank=True, verbose_name=_("further information")
    )

    template = "library/one_minute_guide_page.html"
    search_fields = LibraryPage.search_fields + [
        index.SearchField("audience"),
        index.SearchField("what_is_it"),
        index.SearchField("who_it_affects"),
        index.SearchField("what_it_looks_like"),
        index.SearchField("why_it_matters"),
        index.SearchField("what_to_do"),
        index.SearchField("where_to_get_help"),
        index.SearchField("key_facts"),
    ]
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("series_number"), FieldPanel("audience")]),
        FieldPanel("summary"),
        FieldPanel("what_is_it"),
        FieldPanel("who_it_affects"),
        FieldPanel("what_it_looks_like"),
        FieldPanel("why_it_matters"),
        FieldPanel("what_to_do"),
        FieldPanel("key_facts"),
        FieldPanel("where_to_get_help"),
        FieldPanel("further_information"),
        *LibraryPage.taxonomy_panels,
    ]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("one-minute guide")

    def text_fields(self) -> list:
        return [
            self.summary,
            self.what_is_it,
            self.who_it_affects,
            self.what_it_looks_like,
            self.why_it_matters,
            self.what_to_do,
            self.key_facts,
            self.where_to_get_help,
        ]

    def clean(self):
        super().clean()
        words = self.word_count()
        if words > ONE_MINUTE_GUIDE_MAX_WORDS:
            raise ValidationError(
                _(
                    "A one-minute guide must fit on two printed pages: it has %(words)s words, "
                    "the most is %(max)s. Shorten it or split it into two guides."
                )
                % {"words": words, "max": ONE_MINUTE_GUIDE_MAX_WORDS}
            )


class SourceType(models.TextChoices):
    LOCAL_REVIEW = "local_review", _("Local review")
    NATIONAL_REVIEW = "national_review", _("National review")
    AUDIT = "audit", _("Audit")
    RESEARCH = "research", _("Research")
    THEME = "theme", _("Theme")


SEVEN = 7


class SevenMinuteBriefingPage(LibraryPage):
    """A 7-minute briefing: exactly seven numbered points and questions for team discussion."""

    source_type = models.CharField(
        _("source"),
        max_length=20,
        choices=SourceType.choices,
        help_text=_("Where the learning comes from."),
    )
    points = StreamField(
        [("point", blocks.NumberedPointBlock())],
        min_num=SEVEN,
        max_num=SEVEN,
        verbose_name=_("the seven points"),
        help_text=_(
            "Exactly seven points, usually: background; why it matters; three points of key "
            "information or findings; what good looks like; what to do."
        ),
    )
    discussion_questions = StreamField(
        [("question", blocks.QuestionBlock())],
        min_num=1,
        verbose_name=_("questions for team discussion"),
        help_text=_("Open questions a team can discuss after reading or presenting the briefing."),
    )

    template = "library/seven_minute_briefing_page.html"
    search_fields = LibraryPage.search_fields + [
        index.SearchField("points"),
        index.SearchField("discussion_questions"),
        index.FilterField("source_type"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("source_type"),
        FieldPanel("summary"),
        FieldPanel("points"),
        FieldPanel("discussion_questions"),
        *LibraryPage.taxonomy_panels,
    ]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("7-minute briefing")

    def text_fields(self) -> list:
        return [self.summary, self.points, self.discussion_questions]

    def clean(self):
        super().clean()
        # The stream block enforces this in the editor too; checked here as well so pages
        # made in code or imported can never have another number of points.
        count = len(self.points or [])
        if count != SEVEN:
            raise ValidationError(
                {
                    "points": _("A 7-minute briefing needs exactly seven points; it has %(n)s.")
                    % {"n": count}
                }
            )


class CaseReviewBriefingPage(LibraryPage):
    """A learning briefing drawing together what a set of published case reviews teaches."""

    introduction = RichTextField(
        _("summary of the learning"),
        features=blocks.POINT_FEATURES,
        help_text=_(
            "What the reviews have in common and what every practitioner should take away."
        ),
    )
    why_commissioned = RichTextField(
        _("why the reviews were commissioned"),
        features=blocks.POINT_FEATURES,
        help_text=_("How the children came to harm, in general terms. No identifying details."),
    )
    key_issues = StreamField([("issue", blocks.SectionBlock())], verbose_name=_("key issues"))
    learning = StreamField(
        [("learning", blocks.SectionBlock())], verbose_name=_("learning for improved practice")
    )
    further_reading = StreamField(
        [("link", blocks.LinkBlock())], blank=True, verbose_name=_("further reading")
    )
    period_start = models.PositiveSmallIntegerField(
        _("reviews published from (year)"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    period_end = models.PositiveSmallIntegerField(
        _("reviews published to (year)"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )

    template = "library/case_review_briefing_page.html"
    search_fields = LibraryPage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("why_commissioned"),
        index.SearchField("key_issues"),
        index.SearchField("learning"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("why_commissioned"),
        FieldPanel("key_issues"),
        FieldPanel("learning"),
        FieldPanel("further_reading"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        InlinePanel("reviews", heading=_("Reviews drawn on"), label=_("review")),
        *LibraryPage.taxonomy_panels,
    ]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("case-review learning briefing")

    def text_fields(self) -> list:
        return [
            self.summary,
            self.introduction,
            self.why_commissioned,
            self.key_issues,
            self.learning,
        ]

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The end of the period must not be before its start.")}
            )


class CaseReviewSource(Orderable):
    """One published review a case-review briefing draws on."""

    page = ParentalKey(CaseReviewBriefingPage, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    area = models.CharField(
        _("area"), max_length=150, help_text=_("The partnership or local area that published it.")
    )
    title = models.CharField(_("title"), max_length=250)

    panels = [FieldPanel("year"), FieldPanel("area"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("review drawn on")


LIBRARY_TYPES = {
    # Filter value in URLs -> page model. Values are part of bookmarked URLs: keep them stable.
    "guide": OneMinuteGuidePage,
    "briefing": SevenMinuteBriefingPage,
    "case-review": CaseReviewBriefingPage,
}


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
        from .selectors import library_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(library_listing(index_page=self, params=request.GET, request=request))
        return context


# --- Team use of 7-minute briefings --------------------------------------------------------


class TeamUse(models.Model):
    """A team's record of discussing a 7-minute briefing and what it agreed to do."""

    # PROTECT: a team's record outlives the briefing; unpublish a briefing to retire it.
    briefing = models.ForeignKey(
        SevenMinuteBriefingPage,
        on_delete=models.PROTECT,
        related_name="team_uses",
        verbose_name=_("briefing"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="briefing_team_uses",
        verbose_name=_("recorded by"),
    )
    # Kept as it was when recorded, so roll-ups do not change when someone moves agency.
    agency = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="briefing_team_uses",
        verbose_name=_("agency"),
    )
    team = models.CharField(_("team"), max_length=150)
    date_discussed = models.DateField(_("date discussed"))
    attendees = models.PositiveSmallIntegerField(
        _("number of people"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    agreed_actions = models.TextField(_("what we agreed to do differently"), max_length=2000)
    how_we_will_know = models.TextField(_("how we will know it worked"), max_length=2000)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date_discussed", "-id"]
        verbose_name = _("team use of a briefing")
        # Reports count team uses in a date range, for everyone or for one agency.
        indexes = [
            models.Index(fields=["date_discussed"]),
            models.Index(fields=["agency", "date_discussed"]),
        ]
        verbose_name_plural = _("team uses of briefings")

    def __str__(self):
        return f"{self.team} – {self.date_discussed:%d/%m/%Y}"

    def clean(self):
        if self.date_discussed and self.date_discussed > timezone.localdate():
            raise ValidationError(
                {"date_discussed": _("The date discussed cannot be in the future.")}
            )
