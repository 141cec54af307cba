"""The toolkit pages partnership staff publish in Wagtail."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from elearning.core.pagecache import CacheHeadersMixin

from ..blocks import GUIDANCE_FEATURES, AreaBlock, indicators

BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ToolkitPage(CacheHeadersMixin, Page):
    """A neglect toolkit: its areas of need, each with indicators at four levels, guidance and
    questions for the child, plus the next steps practitioners take. A partnership with several
    local areas publishes one page per area, each linking its own threshold document."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        help_text=_("One or two sentences saying what the toolkit is for and who uses it."),
    )
    local_area = models.CharField(
        _("local area"),
        max_length=120,
        blank=True,
        help_text=_("For a variant used in one local area only, its name. Otherwise leave blank."),
    )
    guidance = RichTextField(
        _("how to use the toolkit"),
        features=BODY_FEATURES,
        help_text=_(
            "How to use it with a family: seek the child's voice, talk honestly with the "
            "parents or carers, use professional judgement, work with other agencies."
        ),
    )
    areas = StreamField(
        [("area", AreaBlock())],
        verbose_name=_("areas of need"),
        help_text=_(
            "Each area in the order the assessment asks about them. Editing an area keeps "
            "earlier assessments comparable; removing one leaves it out of later comparisons."
        ),
    )
    threshold_document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("threshold or continuum of need document"),
    )
    threshold_title = models.CharField(
        _("threshold document title"),
        max_length=200,
        blank=True,
        help_text=_("For example 'Continuum of need'. Shown as the link text."),
    )
    next_steps = RichTextField(
        _("next steps"),
        features=GUIDANCE_FEATURES,
        help_text=_(
            "What to do with the findings: check them against the continuum of need, how to "
            "make a referral, take the case to supervision."
        ),
    )

    parent_page_types = ["library.HomePage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("guidance"),
        index.SearchField("areas"),
        index.FilterField("local_area"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("local_area"),
        FieldPanel("guidance"),
        FieldPanel("areas"),
        FieldPanel("threshold_document"),
        FieldPanel("threshold_title"),
        FieldPanel("next_steps"),
    ]

    class Meta:
        verbose_name = _("neglect toolkit")

    def area_list(self) -> list[dict]:
        """Each area as a dict: id, number, title, summary, guidance, indicators, questions."""
        result = []
        for number, block in enumerate(self.areas, start=1):
            value = block.value
            result.append(
                {
                    "id": block.id,
                    "number": number,
                    "title": value["title"],
                    "summary": value["summary"],
                    "guidance": value["guidance"],
                    "indicators": indicators(value),
                    "questions": _questions_by_age(value["questions"]),
                }
            )
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["area_list"] = self.area_list()
        return context


def _questions_by_age(questions) -> list[tuple[str, list[str]]]:
    from ..blocks import AgeGroup

    grouped = []
    for value, label in AgeGroup.choices:
        asked = [q["question"] for q in questions if q["age_group"] == value]
        if asked:
            grouped.append((label, asked))
    return grouped
