"""The three formats of library page editors publish: one-minute guides, 7-minute briefings
and case-review learning briefings, with the reviews a case-review briefing draws on."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import blocks
from .library_page import LibraryPage

# Two printed A4 pages of the one-minute guide layout hold about this many words.
ONE_MINUTE_GUIDE_MAX_WORDS = 1000


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
