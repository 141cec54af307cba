"""StreamField blocks that make up a scenario quiz: stages, questions and options.

Identities that attempts and branches refer to must never change when an editor reorders or
rewords things:
- a stage is identified by its ``key`` (a slug the editor chooses, also used by branches);
- a question by its StreamField block id;
- an option by its ListBlock item id.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class QuestionKind(models.TextChoices):
    """The kinds of question; each is the name of its block and is stored on every answer
    (``Answer.question_kind``)."""

    SINGLE = "single_answer", _("Single answer")
    MULTIPLE = "multiple_response", _("Multiple response")
    WORRY = "worry_scale", _("Worry scale")
    FREE_TEXT = "free_text", _("Free text")


SINGLE = QuestionKind.SINGLE
MULTIPLE = QuestionKind.MULTIPLE
WORRY = QuestionKind.WORRY
FREE_TEXT = QuestionKind.FREE_TEXT
CHOICE_KINDS = (SINGLE, MULTIPLE)


class OptionBlock(blocks.StructBlock):
    """One answer a learner can choose."""

    text = blocks.CharBlock(
        label=_("Option text"), max_length=400, help_text=_("What the learner reads and chooses.")
    )
    is_correct = blocks.BooleanBlock(
        label=_("This is a correct answer"),
        required=False,
        help_text=_("Tick every option a skilled practitioner would choose."),
    )
    score = blocks.IntegerBlock(
        label=_("Points"),
        default=0,
        min_value=-10,
        max_value=100,
        help_text=_("Points for choosing this option. Use negative points to discourage guessing."),
    )
    feedback = blocks.TextBlock(
        label=_("Feedback for this option"),
        required=False,
        help_text=_(
            "Explain why this choice is or is not good practice. Shown per review setting."
        ),
    )
    next_stage = blocks.CharBlock(
        label=_("Branch to stage (key)"),
        required=False,
        max_length=60,
        help_text=_(
            "Single-answer questions only. The key of the stage this choice leads to. "
            "Leave blank to carry on to the stage's usual next stage."
        ),
    )

    class Meta:
        icon = "radio-full"
        label = _("Option")


class ChoiceQuestionBlock(blocks.StructBlock):
    """A single-answer or multiple-response question."""

    text = blocks.CharBlock(
        label=_("Question"), max_length=400, help_text=_("Ask one thing, in plain words.")
    )
    hint = blocks.CharBlock(
        label=_("Hint"),
        required=False,
        max_length=300,
        help_text=_("Optional, for example ‘Select all that apply’."),
    )
    scored = blocks.BooleanBlock(
        label=_("Scored"),
        required=False,
        default=True,
        help_text=_("Untick for an opinion question with no right answer."),
    )
    options = blocks.ListBlock(OptionBlock(), min_num=2, label=_("Options"))
    general_feedback = blocks.TextBlock(
        label=_("General feedback"),
        required=False,
        help_text=_("Shown with the option feedback, whatever the learner chose."),
    )
    # Themes: when the library's theme taxonomy is available, questions gain a ``themes``
    # field here (chosen from the library's Theme snippets) so item analysis and reports can be
    # broken down by theme. Nothing else in this app needs to change for that.

    class Meta:
        icon = "list-ul"


class WorryScaleBlock(blocks.StructBlock):
    """How worried the learner is, 0 to 10. Kept with the attempt, never scored."""

    text = blocks.CharBlock(
        label=_("Question"),
        max_length=300,
        default="How worried are you about the child, from 0 (not at all) to 10 (extremely)?",
    )
    low_label = blocks.CharBlock(label=_("Meaning of 0"), max_length=60, default="Not worried")
    high_label = blocks.CharBlock(
        label=_("Meaning of 10"), max_length=60, default="Extremely worried"
    )

    class Meta:
        icon = "order"
        label = _("Worry scale (0-10)")


class FreeTextBlock(blocks.StructBlock):
    """A free-text reason. Kept with the attempt, never scored."""

    text = blocks.CharBlock(label=_("Question"), max_length=300, default="Why?")
    hint = blocks.CharBlock(label=_("Hint"), required=False, max_length=300)

    class Meta:
        icon = "pilcrow"
        label = _("Free text reason")


class QuestionsBlock(blocks.StreamBlock):
    single_answer = ChoiceQuestionBlock(label=_("Single answer"))
    multiple_response = ChoiceQuestionBlock(label=_("Multiple response"))
    worry_scale = WorryScaleBlock()
    free_text = FreeTextBlock()

    class Meta:
        required = False


class StageBlock(blocks.StructBlock):
    """One moment in the family's story: a vignette and the questions about it."""

    key = blocks.RegexBlock(
        regex=r"^[a-z0-9][a-z0-9-]*$",
        max_length=60,
        label=_("Stage key"),
        help_text=_(
            "A short name for branches to point at, in lower case with hyphens, for example "
            "‘six-months-later’. Do not change it once people have taken the quiz."
        ),
        error_messages={"invalid": _("Use lower-case letters, numbers and hyphens only.")},
    )
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=200, help_text=_("For example ‘Six months later’.")
    )
    vignette = blocks.RichTextBlock(
        label=_("What happens"),
        features=TEXT_FEATURES,
        help_text=_("The scenario at this point, in the present tense. Keep it short."),
    )
    image = ImageChooserBlock(required=False, label=_("Image"))
    image_alt = blocks.CharBlock(
        label=_("Image description"),
        required=False,
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    questions = QuestionsBlock(label=_("Questions"))
    next_stage = blocks.CharBlock(
        label=_("Next stage (key)"),
        required=False,
        max_length=60,
        help_text=_("Leave blank to go on to the stage below this one."),
    )
    is_ending = blocks.BooleanBlock(
        label=_("This stage is an ending"),
        required=False,
        help_text=_("The quiz finishes after this stage."),
    )
    ending_feedback = blocks.RichTextBlock(
        label=_("Ending feedback"),
        required=False,
        features=TEXT_FEATURES,
        help_text=_("For endings: what this outcome means for the child and what to learn."),
    )
    ending_score = blocks.IntegerBlock(
        label=_("Ending points"),
        required=False,
        default=0,
        help_text=_("For endings: points for reaching this ending."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Stage")


class QuizStagesBlock(blocks.StreamBlock):
    stage = StageBlock()
