"""Scenario quizzes: the QuizPage editors build, and the attempts learners make."""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from elearning.accounts.models import agency_at_the_time

from .blocks import QuizStagesBlock
from .engine import ScoringMode, Structure


class AttemptPolicy(models.TextChoices):
    BEST = "best", _("Best attempt counts")
    LAST = "last", _("Last attempt counts")


class ReviewOption(models.TextChoices):
    IMMEDIATELY = "immediately", _("Show feedback and correct answers after each stage")
    AFTER_PASSING = "after_passing", _("Show feedback and correct answers once the learner passes")
    NEVER = "never", _("Never show correct answers or option feedback")


class QuizPage(RoutablePageMixin, Page):
    """A branching scenario quiz: a family's story in stages, each asking what the learner
    notices, how worried they are and what they would do. Editors use it to let practitioners
    test their judgement; choices can lead down different paths to different endings."""

    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Who the quiz is for, what it covers and roughly how long it takes."),
    )
    stages = StreamField(
        QuizStagesBlock(),
        verbose_name=_("stages"),
        help_text=_(
            "The story in order. Learners start at the first stage. Each stage goes on to the "
            "one below it unless a ‘next stage’ or a chosen option says otherwise."
        ),
    )
    scoring_mode = models.CharField(
        _("scoring"), max_length=10, choices=ScoringMode.choices, default=ScoringMode.PATH
    )
    pass_mark = models.PositiveIntegerField(
        _("pass mark"), default=0, help_text=_("Points needed to pass. 0 means everyone passes.")
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempt limit"),
        default=0,
        help_text=_("How many times a person may finish the quiz. 0 means no limit."),
    )
    attempt_policy = models.CharField(
        _("which attempt counts"),
        max_length=10,
        choices=AttemptPolicy.choices,
        default=AttemptPolicy.BEST,
    )
    review = models.CharField(
        _("review"), max_length=20, choices=ReviewOption.choices, default=ReviewOption.IMMEDIATELY
    )
    allow_practice = models.BooleanField(
        _("allow practice without signing in"),
        default=True,
        help_text=_(
            "Visitors who are not signed in can try the quiz. Nothing they answer is kept."
        ),
    )
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_(
            "Tick to retire the quiz: nobody can start it any more, but learners keep their "
            "results and reports still count it. Use this instead of deleting a quiz that "
            "people have taken."
        ),
    )

    parent_page_types = ["library.HomePage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("stages")]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("scoring_mode"),
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("attempt_policy"),
                FieldPanel("review"),
                FieldPanel("allow_practice"),
                FieldPanel("archived"),
            ],
            heading=_("Scoring and attempts"),
        )
    ]

    class Meta:
        verbose_name = _("scenario quiz")
        # Site search reads this as a name for the list of quizzes ("quizzes"), so it must
        # not be Django's default of adding an "s".
        verbose_name_plural = _("scenario quizzes")

    def structure(self) -> Structure:
        # Give every new stage, question and option its id now. Converting the blocks first
        # makes the ids reach nested blocks too, and because the same objects are saved
        # afterwards (page save calls clean() first), the ids are stored and stay stable.
        for _child in self.stages:
            pass
        self.stages.get_prep_value()
        return Structure.from_stream(self.stages)

    def clean(self):
        super().clean()
        errors = self.structure().errors()
        if errors:
            raise ValidationError(errors)

    def subpage_url(self, request, name: str, *args) -> str:
        """The address of one of the quiz's own routes. With the request, Wagtail works the
        page's address out from the sites' root paths the request already holds."""
        return self.get_url(request=request) + self.reverse_subpage(name, args=args or None)

    # Routes: thin wrappers around views in views.py so the page class stays small.
    @path("")
    def index_route(self, request):
        from . import views

        return views.quiz_index(request, self)

    @path("start/")
    def start_route(self, request):
        from . import views

        return views.quiz_start(request, self)

    @path("attempt/<int:attempt_id>/")
    def attempt_route(self, request, attempt_id):
        from . import views

        return views.attempt_stage(request, self, attempt_id)

    @path("attempt/<int:attempt_id>/feedback/<slug:stage_key>/")
    def feedback_route(self, request, attempt_id, stage_key):
        from . import views

        return views.attempt_feedback(request, self, attempt_id, stage_key)

    @path("attempt/<int:attempt_id>/result/")
    def result_route(self, request, attempt_id):
        from . import views

        return views.attempt_result(request, self, attempt_id)

    @path("practice/")
    def practice_route(self, request):
        from . import views

        return views.practice(request, self)


def structure_digest(structure_json) -> str:
    """The sha256 (hex) of a quiz structure's canonical JSON: the same stages, questions and
    options give the same digest whatever order their keys come in."""
    canonical = json.dumps(structure_json, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class QuizVersionManager(models.Manager):
    def for_structure(self, quiz, structure_json) -> "QuizVersion":
        """The version of ``quiz`` with this structure, stored the first time it is needed.

        Two learners starting the same new version at once both try to store it and the
        unique constraint lets only one in. ``get_or_create`` inserts in a savepoint, so the
        caller's transaction carries on when it loses, and then reads the winner's row; it
        lets the IntegrityError out only if that read found nothing, and one more read is
        the last try before giving up.
        """
        digest = structure_digest(structure_json)
        try:
            version, _created = self.get_or_create(
                quiz=quiz, digest=digest, defaults={"structure": structure_json}
            )
        except IntegrityError:
            version = self.get(quiz=quiz, digest=digest)
        return version


class QuizVersion(models.Model):
    """A quiz's stages, questions and options exactly as learners were shown them, stored once
    per distinct version. Attempts point at the version they were started on, so editing the
    quiz later never changes them."""

    # A quiz nobody has attempted can be deleted with its versions; attempts protect both
    # their quiz and their version (Attempt.quiz and Attempt.version are PROTECT).
    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="versions")
    digest = models.CharField(max_length=64, help_text="sha256 of the structure's canonical JSON.")
    structure = models.JSONField(help_text="The quiz's stages as shown to learners.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = QuizVersionManager()

    class Meta:
        verbose_name = _("quiz version")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "digest"], name="quizzes_version_once"),
        ]

    def __str__(self):
        return f"{self.quiz_id}: version {self.digest[:12]}"


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Finished")


class AttemptQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AttemptStatus.SUBMITTED)

    def in_progress(self):
        return self.filter(status=AttemptStatus.IN_PROGRESS)


class Attempt(models.Model):
    """One person's go at a quiz, pointing at the version of the quiz they started on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    # PROTECT: a learner's attempts outlive the quiz; retire a quiz by archiving it.
    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("attempt number"))
    agency = agency_at_the_time()
    status = models.CharField(
        max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    quiz_title = models.CharField(max_length=255)
    # The quiz's stages as shown to this learner; shared with everyone who took that version.
    version = models.ForeignKey(QuizVersion, on_delete=models.PROTECT, related_name="attempts")
    scoring_mode = models.CharField(max_length=10, choices=ScoringMode.choices)
    pass_mark = models.PositiveIntegerField()
    review = models.CharField(max_length=20, choices=ReviewOption.choices)
    current_stage = models.CharField(max_length=60, blank=True)
    path = models.JSONField(default=list, blank=True, help_text="Stage keys in the order reached.")
    ending_key = models.CharField(max_length=60, blank=True)
    score = models.IntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="quizzes_attempt_number_unique"
            ),
            # One unfinished attempt per person per quiz: starting again resumes it.
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(status=AttemptStatus.IN_PROGRESS),
                name="quizzes_one_open_attempt",
            ),
        ]
        indexes = [
            models.Index(fields=["quiz", "status"]),
            models.Index(fields=["user", "status"]),
            # The partnership reports filter finished attempts by period, and by agency.
            models.Index(fields=["submitted_at"]),
            models.Index(fields=["agency", "submitted_at"]),
        ]

    def __str__(self):
        return f"{self.quiz_title} – attempt {self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AttemptStatus.SUBMITTED

    def get_structure(self) -> Structure:
        """The quiz as this learner was shown it. Load attempts with
        ``select_related("version")`` when reading it for more than one."""
        cached = getattr(self, "_structure", None)
        if cached is None:
            cached = self._structure = Structure.from_json(self.version.structure)
        return cached


class Answer(models.Model):
    """What a learner answered to one question, with the question and options exactly as shown."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    stage_key = models.CharField(max_length=60)
    stage_heading = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(help_text="Order in which this answer was given.")
    question_id = models.CharField(max_length=64)
    question_kind = models.CharField(max_length=30)
    question_text = models.CharField(max_length=400)
    options_shown = models.JSONField(
        default=list, blank=True, help_text="[{id, text}] as displayed."
    )
    selected_option_ids = models.JSONField(default=list, blank=True)
    selected_texts = models.JSONField(default=list, blank=True)
    worry = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    points = models.IntegerField(default=0)
    is_correct = models.BooleanField(null=True, blank=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "stage_key", "question_id"], name="quizzes_answer_once"
            ),
        ]
        indexes = [models.Index(fields=["question_id"])]

    def __str__(self):
        return f"{self.attempt_id}: {self.question_text}"


class AttemptGrant(models.Model):
    """One extra attempt at a quiz for one learner who has used up the attempt limit, given by
    partnership staff. Kept as a record of who gave it, to whom, when and why; counted by
    ``services.attempts_remaining``."""

    quiz = models.ForeignKey(
        QuizPage, on_delete=models.PROTECT, related_name="attempt_grants", verbose_name=_("quiz")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempt_grants",
        verbose_name=_("learner"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("given by"),
    )
    # Kept as text too, so the record still says who gave it if their account is removed.
    granted_by_name = models.CharField(_("given by (name)"), max_length=300)
    reason = models.TextField(
        _("why"), help_text=_("For example: technical problem during the last attempt.")
    )
    granted_at = models.DateTimeField(_("given"), default=timezone.now)

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("extra quiz attempt")
        indexes = [models.Index(fields=["user", "quiz"])]

    def __str__(self):
        return f"{self.quiz_id}: extra attempt for {self.user_id}"
