"""StreamField blocks for library pages. Each format keeps its fixed structure in blocks rather
than one free rich-text area, so pages print, search and compare consistently."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Rich text is limited to what the formats need: no headings (the templates supply them),
# no embeds or images, no raw HTML.
POINT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class KeyFactBlock(blocks.StructBlock):
    """A short fact with the source it comes from."""

    fact = blocks.CharBlock(
        label=_("fact"),
        max_length=300,
        help_text=_("One sentence, such as a figure or a definition."),
    )
    source = blocks.CharBlock(
        label=_("source"),
        required=False,
        max_length=200,
        help_text=_(
            "Where the fact comes from, for example 'Working Together to Safeguard Children 2023'."
        ),
    )

    class Meta:
        icon = "info-circle"
        label = _("Key fact")


class LinkBlock(blocks.StructBlock):
    """A titled link to further reading."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("web address"), required=False)
    description = blocks.CharBlock(
        label=_("description"),
        required=False,
        max_length=300,
        help_text=_("Optional: who publishes it and why it is worth reading."),
    )

    class Meta:
        icon = "link"
        label = _("Further reading")


class NumberedPointBlock(blocks.StructBlock):
    """One of the seven points of a 7-minute briefing."""

    heading = blocks.CharBlock(
        label=_("heading"),
        max_length=120,
        help_text=_("Short heading, for example 'Background' or 'Why it matters'."),
    )
    body = blocks.RichTextBlock(
        label=_("text"),
        features=POINT_FEATURES,
        help_text=_("A few sentences or a short list; this point should take about a minute."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Point")


class SectionBlock(blocks.StructBlock):
    """A headed section used for key issues and learning in case-review briefings."""

    heading = blocks.CharBlock(label=_("heading"), max_length=150)
    body = blocks.RichTextBlock(label=_("text"), features=POINT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Section")


class QuestionBlock(blocks.CharBlock):
    """A question for team discussion."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("question"))
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    class Meta:
        icon = "help"
