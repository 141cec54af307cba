"""StreamField blocks of a toolkit page: one block per area of need, with its indicators at
the four levels, guidance and questions to ask the child by age group."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

GUIDANCE_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Level(models.IntegerChoices):
    """How far a child's needs in one area are met. A lower number is better."""

    MET = 1, _("Needs met")
    SOME_UNMET = 2, _("Some needs unmet")
    UNMET = 3, _("Needs unmet")
    SERIOUS = 4, _("Serious unmet need")


class AgeGroup(models.TextChoices):
    UNDER_FIVE = "under_5", _("Under 5")
    FIVE_TO_ELEVEN = "5_to_11", _("5 to 11")
    TWELVE_PLUS = "12_plus", _("12 and over")


class QuestionBlock(blocks.StructBlock):
    age_group = blocks.ChoiceBlock(choices=AgeGroup.choices, label=_("age group"))
    question = blocks.CharBlock(
        label=_("question"),
        max_length=300,
        help_text=_("A question to ask the child, in words a child of this age would use."),
    )

    class Meta:
        icon = "help"
        label = _("Question for the child")


class AreaBlock(blocks.StructBlock):
    """One area of need. Its block id stays the same when the page is edited, so assessments
    made with an earlier revision still compare area by area."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    summary = blocks.CharBlock(
        label=_("summary"),
        max_length=300,
        help_text=_("One sentence saying what this area covers."),
    )
    guidance = blocks.RichTextBlock(
        label=_("guidance"),
        features=GUIDANCE_FEATURES,
        help_text=_("What to look for and how to talk about it with the family."),
    )
    needs_met = blocks.TextBlock(label=_("indicators: needs met"))
    some_unmet = blocks.TextBlock(label=_("indicators: some needs unmet"))
    unmet = blocks.TextBlock(label=_("indicators: needs unmet"))
    serious = blocks.TextBlock(label=_("indicators: serious unmet need"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions for the child"))

    class Meta:
        icon = "list-ul"
        label = _("Area of need")


def indicators(value) -> list[tuple[int, str, str]]:
    """(level, label, indicators) for an area block's value, lowest level first."""
    texts = [value["needs_met"], value["some_unmet"], value["unmet"], value["serious"]]
    return [(level.value, level.label, text) for level, text in zip(Level, texts, strict=True)]
