"""Volume data: finished scenario-quiz attempts with their answers, created in bulk.

At scale 1.0 the volume people finish 200,000 attempts over two years on three short volume
quizzes, all on one version of each quiz (stored once, as when learners start them). Each
quiz has a question that item analysis should flag (one almost everyone gets right, one whose
key stronger learners disagree with), so the reports have something to show.
"""

import datetime
import random

from django.db.models import F, Max, OuterRef, Subquery
from django.utils import timezone

from elearning.accounts.models import User
from elearning.library.models import HomePage
from quizzes import engine
from quizzes.models import Answer, Attempt, AttemptStatus, QuizPage, QuizVersion
from quizzes.services import _answer_rows
from seeding.accounts.volume import VOLUME_DOMAIN
from seeding.quizzes.builders import _with_ids, multi, opt, single, stage, worry

ATTEMPTS = 200_000
BATCH = 2_000
DAYS = 730
# Distinct walks through each quiz; attempts pick among them, so item analysis sees realistic
# spreads without simulating every attempt from scratch.
WALKS = 400
SLUG_PREFIX = "volume-quiz-"

# How likely a learner of ability a (0 to 1) is to answer each question correctly:
# base + slope * (a - 0.5). A negative slope is a question with a doubtful key.
NORMAL = (0.7, 0.6)
EASY = (0.98, 0.0)
DOUBTFUL = (0.5, -0.5)


def _stages(topic: str, *, first=NORMAL, signs=NORMAL, drift=NORMAL):
    """Start, then a check-in (after the right first step) or drift, then an ending."""
    return [
        stage(
            "start",
            "First contact",
            f"<p>A worker notices something about {topic}.</p>",
            [
                single(
                    "What do you do first?",
                    [
                        opt("Talk to the child and record what you see", correct=True, score=2),
                        opt("Wait and see", to="drift"),
                        opt("Mention it to a colleague", to="drift"),
                    ],
                ),
                worry(),
            ],
        ),
        stage(
            "check-in",
            "Three months later",
            "<p>Some things have changed, some have not.</p>",
            [
                multi(
                    "Which of these are signs of neglect?",
                    [
                        opt("Missed health appointments", correct=True, score=1),
                        opt("Persistent hunger", correct=True, score=1),
                        opt("A new school bag", score=-1),
                    ],
                )
            ],
            to="good-end",
        ),
        stage(
            "drift",
            "A year later",
            "<p>Nothing has changed.</p>",
            [
                single(
                    "What now?",
                    [
                        opt("Review the chronology with your supervisor", correct=True, score=1),
                        opt("Close the case"),
                    ],
                )
            ],
            to="poor-end",
        ),
        stage("good-end", "The child is helped", "<p>Early help worked.</p>", ending=True, score=1),
        stage("poor-end", "The child waited", "<p>Drift.</p>", ending=True),
    ], {"start": first, "check-in": signs, "drift": drift}


QUIZZES = [
    ("a-babys-missed-checks", "Volume quiz: a baby's missed checks", {}),
    ("school-attendance", "Volume quiz: school attendance", {"signs": EASY}),
    ("a-teenager-at-home", "Volume quiz: a teenager at home", {"drift": DOUBTFUL}),
]


def _quiz_pages() -> list[tuple[QuizPage, dict]]:
    """The volume quizzes, created the way the demo quizzes are when they are missing."""
    home = HomePage.objects.get()
    pages = []
    for slug, title, odds in QUIZZES:
        stages, difficulty = _stages(title.split(": ")[1], **odds)
        quiz = QuizPage.objects.filter(slug=SLUG_PREFIX + slug).first()
        if quiz is None:
            quiz = QuizPage(
                title=title,
                slug=SLUG_PREFIX + slug,
                intro="<p>A short quiz made for measuring the site with realistic volume.</p>",
                stages=_with_ids(SLUG_PREFIX + slug, stages),
                pass_mark=3,
            )
            home.add_child(instance=quiz)
            quiz.save_revision().publish()
        pages.append((quiz, difficulty))
    return pages


def _walk(structure: engine.Structure, difficulty: dict, rng: random.Random) -> dict:
    """One learner's way through a quiz: the answers, path, ending and score."""
    ability = rng.random()
    current, path, answers, points = structure.first, [], [], []
    while current is not None and not current.is_ending:
        path.append(current.key)
        base, slope = difficulty[current.key]
        chosen, given = {}, {}
        for question in current.questions:
            if question.is_worry:
                given[question.id] = {"worry": rng.randint(3, 9)}
                continue
            right = rng.random() < base + slope * (ability - 0.5)
            correct = [o.id for o in question.options if o.is_correct]
            wrong = [o.id for o in question.options if not o.is_correct]
            if question.is_multiple:
                pick = correct if right else rng.sample(correct + wrong, 2)
                if not right and set(pick) == set(correct):
                    pick = [*correct, *wrong]
            else:
                pick = correct[:1] if right else [rng.choice(wrong)]
            chosen[question.id] = pick
            given[question.id] = {"options": pick}
        offset = len(answers)
        rows = list(_answer_rows(None, current, given, offset))
        answers.extend(rows)
        points.extend(row.points for row in rows)
        current = structure.stage(structure.next_key(current, chosen))
    path.append(current.key)
    return {"answers": answers, "path": path, "ending": current, "points": points}


def _volume_people() -> list[int]:
    from elearning.accounts.models import User

    return list(
        User.objects.filter(email__endswith=f"@{VOLUME_DOMAIN}").values_list("pk", flat=True)
    )


def seed_volume(scale: float, rng: random.Random) -> dict:
    quizzes = _quiz_pages()
    people = _volume_people()
    quiz_ids = [quiz.pk for quiz, _ in quizzes]
    existing = Attempt.objects.filter(quiz_id__in=quiz_ids).count()
    wanted = round(ATTEMPTS * scale)
    if not people or existing >= wanted:
        return {"quizzes": len(quizzes), "attempts": existing}

    walks = {}
    for quiz, difficulty in quizzes:
        structure = quiz.structure()
        walks[quiz.pk] = (
            quiz,
            QuizVersion.objects.for_structure(quiz, structure.to_json()),
            [_walk(structure, difficulty, rng) for _ in range(WALKS)],
        )
    numbers = {
        (user_id, quiz_id): number
        for user_id, quiz_id, number in Attempt.objects.filter(quiz_id__in=quiz_ids)
        .values_list("user_id", "quiz_id")
        .annotate(Max("number"))
    }
    now = timezone.now()
    remaining = wanted - existing
    while remaining:
        size = min(BATCH, remaining)
        remaining -= size
        attempts, chosen = [], []
        for _ in range(size):
            quiz, version, quiz_walks = walks[rng.choice(quiz_ids)]
            walk = rng.choice(quiz_walks)
            user_id = rng.choice(people)
            key = (user_id, quiz.pk)
            numbers[key] = numbers.get(key, 0) + 1
            score = engine.total_score(
                scoring_mode=quiz.scoring_mode, answer_points=walk["points"], ending=walk["ending"]
            )
            attempts.append(
                Attempt(
                    user_id=user_id,
                    quiz=quiz,
                    number=numbers[key],
                    status=AttemptStatus.SUBMITTED,
                    quiz_title=quiz.title,
                    version=version,
                    scoring_mode=quiz.scoring_mode,
                    pass_mark=quiz.pass_mark,
                    review=quiz.review,
                    path=walk["path"],
                    ending_key=walk["ending"].key,
                    score=score,
                    passed=score >= quiz.pass_mark,
                    submitted_at=now - datetime.timedelta(seconds=rng.randint(60, DAYS * 86400)),
                )
            )
            chosen.append(walk)
        Attempt.objects.bulk_create(attempts)
        Answer.objects.bulk_create(
            [
                _copy(answer, attempt)
                for attempt, walk in zip(attempts, chosen, strict=True)
                for answer in walk["answers"]
            ],
            batch_size=BATCH,
        )
    # Start and answer times are set to "now" on creation; starts are moved to just before
    # each submission. No report reads the answer times, so those are left.
    Attempt.objects.filter(quiz_id__in=quiz_ids, started_at__gt=F("submitted_at")).update(
        started_at=F("submitted_at") - datetime.timedelta(minutes=12),
        updated_at=F("submitted_at"),
    )
    # Bulk creation skips ``attempt_start``, which stores the agency at the time.
    Attempt.objects.filter(quiz_id__in=quiz_ids, agency__isnull=True).update(
        agency_id=Subquery(User.objects.filter(pk=OuterRef("user_id")).values("agency_id")[:1])
    )
    return {"quizzes": len(quizzes), "attempts": wanted}


def _copy(answer: Answer, attempt: Attempt) -> Answer:
    return Answer(
        attempt=attempt,
        stage_key=answer.stage_key,
        stage_heading=answer.stage_heading,
        position=answer.position,
        question_id=answer.question_id,
        question_kind=answer.question_kind,
        question_text=answer.question_text,
        options_shown=answer.options_shown,
        selected_option_ids=answer.selected_option_ids,
        selected_texts=answer.selected_texts,
        worry=answer.worry,
        text=answer.text,
        points=answer.points,
        is_correct=answer.is_correct,
    )
