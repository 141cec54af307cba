"""Demo scenario quizzes: the three quizzes in ``seeding.quizzes.scenarios``, each a page under
the home page, and ``attempt_pass`` for other apps' demo data.

Idempotent: a quiz that already exists is left as it is, so editors' changes survive.
"""

from elearning.library.models import HomePage
from quizzes.models import QuizPage
from seeding.quizzes.builders import _with_ids
from seeding.quizzes.scenarios import QUIZZES


def seed_demo() -> None:
    home = HomePage.objects.get()
    for spec in QUIZZES:
        spec = dict(spec)
        slug = spec.pop("slug")
        if QuizPage.objects.child_of(home).filter(slug=slug).exists():
            continue
        stages = _with_ids(slug, spec.pop("stages"))
        quiz = QuizPage(slug=slug, stages=stages, **{**spec, "intro": spec["intro"].strip()})
        home.add_child(instance=quiz)
        quiz.save_revision().publish()


def attempt_pass(*, user, quiz: QuizPage):
    """Demo data for other apps: ``user`` takes ``quiz`` choosing every correct answer.

    Used by the courses demo so that a learner who holds a certificate has really passed the
    quiz step. Returns the finished attempt.
    """
    from django.http import QueryDict

    from quizzes import services

    attempt = services.attempt_start(user=user, quiz=quiz)
    for _ in range(50):  # more stages than any quiz has; validation forbids loops
        if attempt.is_submitted or not attempt.current_stage:
            break
        stage = attempt.get_structure().stage(attempt.current_stage)
        data = QueryDict(mutable=True)
        for question in stage.questions:
            name = f"q-{question.id}"
            if question.is_choice:
                correct = [o.id for o in question.options if o.is_correct]
                data.setlist(name, correct[:1] if not question.is_multiple else correct)
            elif question.is_worry:
                data[name] = "7"
            else:
                data[name] = "Demo answer."
        attempt = services.answer_record(attempt=attempt, stage_key=stage.key, data=data)
    if not attempt.is_submitted:
        attempt = services.attempt_submit(attempt=attempt)
    return attempt
