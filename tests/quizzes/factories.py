"""Builders for quizzes and attempts in tests. Ids are explicit so tests can post them."""

import factory
from django.http import QueryDict

from elearning.library.models import HomePage
from quizzes import services
from quizzes.models import QuizPage
from tests.factories import PublishedPageFactory


def option(oid, text, *, correct=False, score=0, feedback="", next_stage=""):
    return {
        "type": "item",
        "id": oid,
        "value": {
            "text": text,
            "is_correct": correct,
            "score": score,
            "feedback": feedback or f"Feedback on {text}",
            "next_stage": next_stage,
        },
    }


def choice(qid, text, options, *, kind="single_answer", scored=True, general_feedback=""):
    return {
        "type": kind,
        "id": qid,
        "value": {
            "text": text,
            "hint": "",
            "scored": scored,
            "options": options,
            "general_feedback": general_feedback,
        },
    }


def worry(qid, text="How worried are you?"):
    return {
        "type": "worry_scale",
        "id": qid,
        "value": {"text": text, "low_label": "Not worried", "high_label": "Extremely worried"},
    }


def free_text(qid, text="Why?"):
    return {"type": "free_text", "id": qid, "value": {"text": text, "hint": ""}}


def stage(key, heading, questions=(), *, next_stage="", ending=False, feedback="", score=0):
    return {
        "type": "stage",
        "id": f"stage-{key}",
        "value": {
            "key": key,
            "heading": heading,
            "vignette": f"<p>What happens at {heading}.</p>",
            "image": None,
            "image_alt": "",
            "questions": list(questions),
            "next_stage": next_stage,
            "is_ending": ending,
            "ending_feedback": f"<p>{feedback}</p>" if feedback else "",
            "ending_score": score,
        },
    }


def branching_stages(extra_questions: int = 0):
    """start -> (o-act) check-in -> good-end  |  start -> (o-wait) drift -> poor-end.

    ``extra_questions`` adds questions to the drift stage, so the quiz grows without the
    good path's stages changing.
    """
    return [
        stage(
            "start",
            "First visit",
            [
                choice(
                    "q-first",
                    "What do you do first?",
                    [
                        option(
                            "o-act",
                            "Talk to the child and record what you see",
                            correct=True,
                            score=2,
                        ),
                        option("o-wait", "Wait and see", score=0, next_stage="drift"),
                    ],
                ),
                worry("q-worry"),
                free_text("q-why"),
            ],
        ),
        stage(
            "check-in",
            "Three months later",
            [
                choice(
                    "q-signs",
                    "Which of these are indicators of neglect?",
                    [
                        option("o-teeth", "Untreated tooth decay", correct=True, score=1),
                        option("o-missed", "Missed health appointments", correct=True, score=1),
                        option("o-uniform", "A new school uniform", score=-1),
                    ],
                    kind="multiple_response",
                ),
            ],
            next_stage="good-end",
        ),
        stage(
            "drift",
            "Eighteen months later",
            [
                choice(
                    "q-drift",
                    "Nothing has changed. What now?",
                    [
                        option(
                            "o-review",
                            "Review the chronology with your supervisor",
                            correct=True,
                            score=1,
                        ),
                        option("o-close", "Close the case", score=0),
                    ],
                ),
                *[
                    choice(
                        f"q-extra-{n}",
                        f"Extra {n}",
                        [option(f"x{n}", "Yes", correct=True), option(f"y{n}", "No")],
                    )
                    for n in range(extra_questions)
                ],
            ],
            next_stage="poor-end",
        ),
        stage(
            "good-end", "The child is helped", ending=True, feedback="Early action helped.", score=1
        ),
        stage(
            "poor-end",
            "The child waited too long",
            ending=True,
            feedback="Drift left the child waiting.",
            score=0,
        ),
    ]


class QuizPageFactory(PublishedPageFactory):
    """A published branching quiz under the home page."""

    class Meta:
        model = QuizPage

    title = "Sam's story"
    slug = factory.LazyAttribute(lambda o: o.title.lower().replace(" ", "-").replace("'", ""))
    intro = "<p>A family over time.</p>"
    stages = factory.LazyFunction(branching_stages)
    pass_mark = 4

    @classmethod
    def default_parent(cls):
        return HomePage.objects.get()


def quiz_create(stages=None, *, slug=None, **fields) -> QuizPage:
    """A quiz with ``stages`` (the branching story unless given); ``publish=False`` leaves
    it without a revision."""
    if stages is not None:
        fields["stages"] = stages
    if slug:
        fields["slug"] = slug
    return QuizPageFactory(**fields)


GOOD_PATH = [
    ("start", {"q-q-first": "o-act", "q-q-worry": "7", "q-q-why": "The child looks tired."}),
    ("check-in", {"q-q-signs": ["o-teeth", "o-missed"]}),
]
POOR_PATH = [
    ("start", {"q-q-first": "o-wait", "q-q-worry": "2", "q-q-why": ""}),
    ("drift", {"q-q-drift": "o-close"}),
]


def stage_data(fields: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


def attempt_complete(user, quiz, path=GOOD_PATH):
    attempt = services.attempt_start(user=user, quiz=quiz)
    for key, fields in path:
        attempt = services.answer_record(attempt=attempt, stage_key=key, data=stage_data(fields))
    return attempt
