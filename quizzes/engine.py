"""The quiz as plain data, and the rules that read it: where a choice leads, what it scores,
and whether a quiz is well formed.

Attempts keep a copy of this structure (as JSON) from the moment they start, so everything a
learner sees and everything their score depends on stays fixed even if the quiz is edited.
Practice mode uses the same rules on the live quiz, so both behave identically.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .blocks import CHOICE_KINDS, FREE_TEXT, MULTIPLE, SINGLE, WORRY


class ScoringMode(models.TextChoices):
    """How a quiz is scored; stored on the quiz and copied to each attempt."""

    PATH = "path", gettext_lazy("Add up points along the path (answers and ending)")
    ENDING = "ending", gettext_lazy("Use the points of the ending reached")


@dataclass
class Option:
    id: str
    text: str
    is_correct: bool = False
    score: int = 0
    feedback: str = ""
    next_stage: str = ""


@dataclass
class Question:
    id: str
    kind: str
    text: str
    hint: str = ""
    scored: bool = False
    options: list[Option] = field(default_factory=list)
    general_feedback: str = ""
    low_label: str = ""
    high_label: str = ""

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_multiple(self) -> bool:
        return self.kind == MULTIPLE

    @property
    def is_worry(self) -> bool:
        return self.kind == WORRY

    @property
    def is_free_text(self) -> bool:
        return self.kind == FREE_TEXT

    @property
    def correct_ids(self) -> set[str]:
        return {o.id for o in self.options if o.is_correct}

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass
class Stage:
    key: str
    heading: str
    vignette: str = ""
    image_id: int | None = None
    image_alt: str = ""
    questions: list[Question] = field(default_factory=list)
    next_stage: str = ""
    is_ending: bool = False
    ending_feedback: str = ""
    ending_score: int = 0

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass
class Structure:
    stages: list[Stage]

    # --- conversion --------------------------------------------------------------------

    @classmethod
    def from_stream(cls, stream_value) -> Structure:
        """Build from a QuizPage ``stages`` StreamValue (block ids must already be assigned)."""
        stages = []
        for child in stream_value:
            value = child.value
            questions = []
            for q in value.get("questions") or []:
                qv = q.value
                options = []
                if q.block_type in CHOICE_KINDS:
                    for item in qv["options"].bound_blocks:
                        ov = item.value
                        options.append(
                            Option(
                                id=str(item.id),
                                text=ov["text"],
                                is_correct=bool(ov["is_correct"]),
                                score=int(ov["score"] or 0),
                                feedback=ov["feedback"] or "",
                                next_stage=(ov["next_stage"] or "").strip(),
                            )
                        )
                questions.append(
                    Question(
                        id=str(q.id),
                        kind=q.block_type,
                        text=qv["text"],
                        hint=qv.get("hint") or "",
                        scored=bool(qv.get("scored")) if q.block_type in CHOICE_KINDS else False,
                        options=options,
                        general_feedback=qv.get("general_feedback") or "",
                        low_label=qv.get("low_label") or "",
                        high_label=qv.get("high_label") or "",
                    )
                )
            image = value.get("image")
            stages.append(
                Stage(
                    key=(value["key"] or "").strip(),
                    heading=value["heading"],
                    vignette=value["vignette"].source if value.get("vignette") else "",
                    image_id=image.pk if image else None,
                    image_alt=value.get("image_alt") or "",
                    questions=questions,
                    next_stage=(value.get("next_stage") or "").strip(),
                    is_ending=bool(value.get("is_ending")),
                    ending_feedback=(
                        value["ending_feedback"].source if value.get("ending_feedback") else ""
                    ),
                    ending_score=int(value.get("ending_score") or 0),
                )
            )
        return cls(stages=stages)

    def to_json(self) -> list[dict]:
        return [asdict(s) for s in self.stages]

    @classmethod
    def from_json(cls, data: list[dict]) -> Structure:
        stages = []
        for s in data:
            s = dict(s)
            questions = []
            for q in s.pop("questions", []):
                q = dict(q)
                q["options"] = [Option(**o) for o in q.get("options", [])]
                questions.append(Question(**q))
            stages.append(Stage(questions=questions, **s))
        return cls(stages=stages)

    # --- navigation ----------------------------------------------------------------------

    def stage(self, key: str) -> Stage | None:
        return next((s for s in self.stages if s.key == key), None)

    @property
    def first(self) -> Stage | None:
        return self.stages[0] if self.stages else None

    def default_next(self, stage: Stage) -> str:
        """Where a stage leads when no chosen option branches elsewhere ('' for the end)."""
        if stage.is_ending:
            return ""
        if stage.next_stage:
            return stage.next_stage
        index = self.stages.index(stage)
        return self.stages[index + 1].key if index + 1 < len(self.stages) else ""

    def next_key(self, stage: Stage, chosen: dict[str, list[str]]) -> str:
        """The stage after ``stage`` given the chosen option ids per question id."""
        if stage.is_ending:
            return ""
        for question in stage.questions:
            if question.kind != SINGLE:
                continue
            for option_id in chosen.get(question.id, []):
                option = question.option(option_id)
                if option and option.next_stage:
                    return option.next_stage
        return self.default_next(stage)

    def successors(self, stage: Stage) -> set[str]:
        keys = set()
        if stage.is_ending:
            return keys
        default = self.default_next(stage)
        for question in stage.questions:
            if question.kind == SINGLE:
                for option in question.options:
                    keys.add(option.next_stage or default)
        keys.add(default)
        keys.discard("")
        return keys

    # --- validation ----------------------------------------------------------------------

    def errors(self) -> list[str]:
        """Everything that makes this quiz unsafe to publish, as sentences for editors."""
        errors: list[str] = []
        if not self.stages:
            return [_("Add at least one stage.")]
        keys = [s.key for s in self.stages]
        for key in sorted({k for k in keys if keys.count(k) > 1}):
            errors.append(
                _("Two stages have the key ‘%(key)s’. Each stage needs its own key.") % {"key": key}
            )
        known = set(keys)
        for stage in self.stages:
            if stage.next_stage and stage.next_stage not in known and not stage.is_ending:
                errors.append(
                    _(
                        "Stage ‘%(stage)s’ goes next to ‘%(target)s’, but there is no stage "
                        "with that key."
                    )
                    % {"stage": stage.key, "target": stage.next_stage}
                )
            if not stage.is_ending and not self.default_next(stage):
                errors.append(
                    _(
                        "Stage ‘%(stage)s’ is the last stage but is not an ending. Tick ‘This "
                        "stage is an ending’ or say which stage comes next."
                    )
                    % {"stage": stage.key}
                )
            for question in stage.questions:
                for option in question.options:
                    if not option.next_stage:
                        continue
                    if question.kind != SINGLE:
                        errors.append(
                            _(
                                "In stage ‘%(stage)s’, the option ‘%(option)s’ branches, but "
                                "only single-answer questions can branch."
                            )
                            % {"stage": stage.key, "option": option.text}
                        )
                    elif option.next_stage not in known:
                        errors.append(
                            _(
                                "In stage ‘%(stage)s’, the option ‘%(option)s’ branches to "
                                "‘%(target)s’, but there is no stage with that key."
                            )
                            % {
                                "stage": stage.key,
                                "option": option.text,
                                "target": option.next_stage,
                            }
                        )
                if question.is_choice and question.scored and not question.correct_ids:
                    errors.append(
                        _(
                            "In stage ‘%(stage)s’, the scored question ‘%(question)s’ has no "
                            "correct option. Tick at least one, or untick ‘Scored’."
                        )
                        % {"stage": stage.key, "question": question.text}
                    )
        if errors:
            # Reachability and loops only make sense once every branch points somewhere real.
            return errors

        by_key = {s.key: s for s in self.stages}
        reachable, todo = set(), [self.stages[0].key]
        while todo:
            key = todo.pop()
            if key in reachable:
                continue
            reachable.add(key)
            todo.extend(self.successors(by_key[key]))
        for stage in self.stages:
            if stage.key not in reachable:
                errors.append(
                    _(
                        "No path through the quiz reaches stage ‘%(stage)s’. Point a branch or "
                        "a ‘next stage’ at it, or remove it."
                    )
                    % {"stage": stage.key}
                )

        # Depth-first search for a cycle: any cycle lets a learner go round for ever.
        state: dict[str, int] = {}

        def visit(key: str, trail: list[str]) -> list[str] | None:
            state[key] = 1
            for nxt in sorted(self.successors(by_key[key])):
                if state.get(nxt) == 1:
                    return [*trail, key, nxt]
                if nxt not in state:
                    found = visit(nxt, [*trail, key])
                    if found:
                        return found
            state[key] = 2
            return None

        loop = visit(self.stages[0].key, [])
        if loop:
            start = loop.index(loop[-1])
            errors.append(
                _(
                    "A learner could go round in a loop for ever: %(loop)s. Make one of these "
                    "stages lead somewhere else."
                )
                % {"loop": " → ".join(loop[start:])}
            )
        return errors


# --- scoring ----------------------------------------------------------------------------


def question_score(question: Question, chosen: list[str]) -> tuple[int, bool | None]:
    """Points and correctness for one answer. Unscored questions give (0, None)."""
    if not question.is_choice:
        return 0, None
    points = sum(o.score for o in question.options if o.id in chosen)
    if question.is_multiple:
        # Negative points discourage ticking everything, but never below zero for a question.
        points = max(points, 0)
    if not question.scored:
        return points, None
    if question.is_multiple:
        return points, set(chosen) == question.correct_ids
    return points, bool(chosen) and chosen[0] in question.correct_ids


def total_score(*, scoring_mode: str, answer_points: list[int], ending: Stage | None) -> int:
    ending_points = ending.ending_score if ending else 0
    if scoring_mode == ScoringMode.ENDING:
        return ending_points
    return sum(answer_points) + ending_points


def parse_stage_post(stage: Stage, data) -> tuple[dict[str, dict], list[tuple[str, str]], bool]:
    """Read one stage's answers from POST data.

    Returns (answers by question id, field errors as (field id, message), tampered). Tampered
    means an option id the stage never offered: that is refused outright, not shown as a form
    error, because no honest browser sends it.
    """
    answers: dict[str, dict] = {}
    errors: list[tuple[str, str]] = []
    tampered = False
    for question in stage.questions:
        name = f"q-{question.id}"
        if question.is_choice:
            chosen = [v for v in data.getlist(name) if v]
            if any(question.option(v) is None for v in chosen):
                tampered = True
                continue
            if not question.is_multiple and len(chosen) > 1:
                tampered = True
                continue
            chosen = list(dict.fromkeys(chosen))
            if not chosen:
                errors.append(
                    (
                        name,
                        _("Select all that apply")
                        if question.is_multiple
                        else _("Select an answer"),
                    )
                )
            answers[question.id] = {"options": chosen}
        elif question.is_worry:
            raw = (data.get(name) or "").strip()
            if raw not in {str(n) for n in range(11)}:
                if raw and not raw.isdigit():
                    tampered = True
                    continue
                errors.append((name, _("Choose a number from 0 to 10")))
                answers[question.id] = {"worry": None}
            else:
                answers[question.id] = {"worry": int(raw)}
        else:
            text = (data.get(name) or "").strip()
            if len(text) > 4000:
                errors.append((name, _("Reason must be 4,000 characters or fewer")))
            answers[question.id] = {"text": text[:4000]}
    return answers, errors, tampered
