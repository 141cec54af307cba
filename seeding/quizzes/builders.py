"""Builders for scenario-quiz stream data: options, questions and stages as plain dicts,
and ``_with_ids``, which gives every stage, question and option a fixed id so that seeding
again never changes a question's identity. Used by the demo and volume quizzes."""

import uuid

NAMESPACE = uuid.UUID("5b0c3c52-7f0e-4d7a-9a57-2f6f6c6b1e21")


def _id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def opt(text, *, correct=False, score=0, feedback="", to=""):
    return {
        "text": text,
        "is_correct": correct,
        "score": score,
        "feedback": feedback,
        "next_stage": to,
    }


def single(text, options, *, general="", hint="", scored=True):
    return (
        "single_answer",
        {
            "text": text,
            "hint": hint,
            "scored": scored,
            "options": options,
            "general_feedback": general,
        },
    )


def multi(text, options, *, general="", hint="Select all that apply."):
    return (
        "multiple_response",
        {
            "text": text,
            "hint": hint,
            "scored": True,
            "options": options,
            "general_feedback": general,
        },
    )


def worry(text="How worried are you about the children now, from 0 to 10?"):
    return (
        "worry_scale",
        {"text": text, "low_label": "not worried at all", "high_label": "extremely worried"},
    )


def why(text="Why did you choose that? Write a sentence or two for your own reflection."):
    return ("free_text", {"text": text, "hint": "Optional. Kept with your attempt and not scored."})


def stage(key, heading, vignette, questions=(), *, to="", ending=False, feedback="", score=0):
    return {
        "key": key,
        "heading": heading,
        "vignette": vignette.strip(),
        "image": None,
        "image_alt": "",
        "questions": list(questions),
        "next_stage": to,
        "is_ending": ending,
        "ending_feedback": feedback.strip(),
        "ending_score": score,
    }


def _with_ids(slug: str, stages: list[dict]) -> list[dict]:
    """Raw StreamField data with fixed ids, so re-seeding never changes question identities."""
    raw = []
    for s in stages:
        questions = []
        for qi, (kind, value) in enumerate(s["questions"]):
            value = dict(value)
            if "options" in value:
                value["options"] = [
                    {"type": "item", "id": _id(slug, s["key"], str(qi), str(oi)), "value": o}
                    for oi, o in enumerate(value["options"])
                ]
            questions.append({"type": kind, "id": _id(slug, s["key"], str(qi)), "value": value})
        raw.append(
            {"type": "stage", "id": _id(slug, s["key"]), "value": {**s, "questions": questions}}
        )
    return raw
