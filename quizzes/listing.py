"""The list of quizzes (``/quizzes/``): every published quiz a visitor may take.

A plain view rather than a Wagtail index page: quizzes are children of the home page, and
giving them a parent page of their own would move every quiz to a new address (breaking
bookmarks, course steps and e-mails that link to them), while ``/quizzes/`` itself already
belongs to the quiz app's own routes (My quizzes, analytics).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.text import Truncator

from elearning.core.pagecache import mark_shareable

from . import selectors
from .engine import Option, Question, Stage, Structure
from .models import QuizPage

PAGE_SIZE = 20
SUMMARY_WORDS = 40


def listed_quizzes():
    """Quizzes anyone may open and start: published, public and not archived."""
    return QuizPage.objects.live().public().filter(archived=False)


@dataclass(frozen=True)
class QuizOutline:
    """How many questions a learner meets on the shortest and the longest path."""

    fewest: int
    most: int


def _items(raw_list) -> list:
    # ListBlock data is stored as [{"type": "item", "value": ..., "id": ...}] since Wagtail
    # 2.16 and as plain values before; quizzes saved either way may still be in the database.
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
        for item in raw_list or []
    ]


def _structure(raw_stages) -> Structure:
    """The parts of a quiz's stored stages that decide its paths, read without building
    blocks, so listing many quizzes costs no extra queries (image blocks would each fetch
    their image)."""
    stages = []
    for child in raw_stages:
        value = child.get("value") or {}
        questions = [
            Question(
                id=str(question.get("id", "")),
                kind=question.get("type", ""),
                text="",
                options=[
                    Option(id="", text="", next_stage=(option.get("next_stage") or "").strip())
                    for option in _items((question.get("value") or {}).get("options"))
                    if isinstance(option, dict)
                ],
            )
            for question in value.get("questions") or []
        ]
        stages.append(
            Stage(
                key=(value.get("key") or "").strip(),
                heading="",
                questions=questions,
                next_stage=(value.get("next_stage") or "").strip(),
                is_ending=bool(value.get("is_ending")),
            )
        )
    return Structure(stages=stages)


def quiz_outline(raw_stages) -> QuizOutline | None:
    """The fewest and most questions on any path from the first stage to an end.

    Published quizzes have no loops (``Structure.errors`` refuses them); a loop or a branch
    to a missing stage found here anyway ends that path rather than failing the list.
    """
    structure = _structure(raw_stages)
    if structure.first is None:
        return None

    spans: dict[str, tuple[int, int]] = {}
    visiting: set[str] = set()

    def span(key: str) -> tuple[int, int]:
        stage = structure.stage(key)
        if stage is None or key in visiting:
            return (0, 0)
        if key not in spans:
            visiting.add(key)
            here = len(stage.questions)
            after = [span(next_key) for next_key in sorted(structure.successors(stage))]
            visiting.discard(key)
            spans[key] = (
                here + min((s[0] for s in after), default=0),
                here + max((s[1] for s in after), default=0),
            )
        return spans[key]

    fewest, most = span(structure.first.key)
    return QuizOutline(fewest=fewest, most=most)


def _summary(quiz: QuizPage) -> str:
    if quiz.search_description:
        return quiz.search_description
    return Truncator(strip_tags(quiz.intro)).words(SUMMARY_WORDS)


def quiz_list(request):
    """Every quiz a visitor may take, with what it is about and how long it is."""
    quizzes = listed_quizzes().order_by("title", "pk")
    paginator = Paginator(quizzes, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(1)
    quiz_rows = list(page.object_list)
    passed = selectors.passed_quiz_ids(request.user, [quiz.pk for quiz in quiz_rows])
    rows = [
        {
            "quiz": quiz,
            "summary": _summary(quiz),
            "outline": quiz_outline(quiz.stages.raw_data),
            "passed": quiz.pk in passed,
        }
        for quiz in quiz_rows
    ]
    response = render(request, "quizzes/quiz_list.html", {"rows": rows, "results": page})
    # The list is the same for every visitor who is not signed in, as library pages are.
    return mark_shareable(request, response, max_age=300)
