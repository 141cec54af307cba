"""What the quiz-taking views share: the stage's picture, its template context, the review
of answers, and the refusal page."""

from __future__ import annotations

from django.shortcuts import render
from wagtail.images import get_image_model

from .. import engine


def stage_image(stage: engine.Stage | None):
    if stage is None or not stage.image_id:
        return None
    return get_image_model().objects.filter(pk=stage.image_id).first()


def bad_request(request, page, message: str):
    return render(
        request, "quizzes/bad_request.html", {"page": page, "message": message}, status=400
    )


def stage_context(page, stage, *, errors=(), posted=None, **extra):
    error_map = dict(errors)
    return {
        "page": page,
        "self": page,
        "stage": stage,
        "image": stage_image(stage),
        "errors": list(errors),
        "error_map": error_map,
        "posted": posted,
        **extra,
    }


def review_items(structure: engine.Structure, answers) -> list[dict]:
    """Pair each stored answer with the feedback from the version of the quiz the attempt
    was taken on."""
    items = []
    for answer in answers:
        stage = structure.stage(answer.stage_key)
        question = stage.question(answer.question_id) if stage else None
        options = []
        for shown in answer.options_shown:
            option = question.option(shown["id"]) if question else None
            options.append(
                {
                    "text": shown["text"],
                    "chosen": shown["id"] in answer.selected_option_ids,
                    "correct": bool(option and option.is_correct),
                    "feedback": option.feedback if option else "",
                }
            )
        items.append(
            {
                "answer": answer,
                "scored": bool(question and question.scored),
                "general_feedback": question.general_feedback if question else "",
                "options": options,
            }
        )
    return items
