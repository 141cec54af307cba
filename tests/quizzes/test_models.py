"""The quiz structure: validation on save, routing rules and page rules."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from elearning.library.models import HomePage, StandardPage
from quizzes.models import QuizPage
from tests.quizzes.factories import branching_stages, choice, option, quiz_create, stage

pytestmark = pytest.mark.django_db


def _quiz(stages) -> QuizPage:
    return QuizPage(title="Q", slug="q", intro="<p>x</p>", stages=stages)


def _errors(stages) -> str:
    with pytest.raises(ValidationError) as info:
        _quiz(stages).clean()
    return " ".join(info.value.messages)


def test_a_well_formed_branching_quiz_is_accepted():
    _quiz(branching_stages()).clean()


def test_branch_to_a_missing_stage_is_refused():
    stages = branching_stages()
    stages[0]["value"]["questions"][0]["value"]["options"][1]["value"]["next_stage"] = "nowhere"
    message = _errors(stages)
    assert "branches to ‘nowhere’, but there is no stage with that key" in message


def test_next_stage_that_does_not_exist_is_refused():
    stages = branching_stages()
    stages[1]["value"]["next_stage"] = "gone"
    assert "goes next to ‘gone’" in _errors(stages)


def test_unreachable_stage_is_refused():
    stages = branching_stages()
    stages.insert(3, stage("orphan", "Never reached", next_stage="poor-end"))
    stages[2]["value"]["next_stage"] = "poor-end"
    message = _errors(stages)
    assert "No path through the quiz reaches stage ‘orphan’" in message


def test_a_loop_is_refused():
    stages = branching_stages()
    # The drift stage sends people back to the start: they could go round for ever.
    stages[2]["value"]["next_stage"] = "start"
    message = _errors(stages)
    assert "loop for ever" in message
    assert "start → drift → start" in message


def test_scored_question_without_a_correct_option_is_refused():
    stages = branching_stages()
    stages[2]["value"]["questions"][0]["value"]["options"][0]["value"]["is_correct"] = False
    assert "has no correct option" in _errors(stages)


def test_unscored_question_may_have_no_correct_option():
    stages = branching_stages()
    q = stages[2]["value"]["questions"][0]["value"]
    q["scored"] = False
    for o in q["options"]:
        o["value"]["is_correct"] = False
    _quiz(stages).clean()


def test_last_stage_must_be_an_ending_and_keys_unique():
    stages = [
        stage("a", "A", [choice("q", "Q", [option("x", "X", correct=True), option("y", "Y")])]),
        stage("a", "Again"),
    ]
    message = _errors(stages)
    assert "Two stages have the key ‘a’" in message
    assert "is the last stage but is not an ending" in message


def test_multiple_response_options_cannot_branch():
    stages = branching_stages()
    stages[1]["value"]["questions"][0]["value"]["options"][0]["value"]["next_stage"] = "good-end"
    assert "only single-answer questions can branch" in _errors(stages)


def test_saving_an_invalid_quiz_in_the_admin_shows_the_reason(staff, login):
    quiz = quiz_create()
    client = login(staff)
    url = f"/admin/pages/{quiz.pk}/edit/"
    response = client.get(url)
    assert response.status_code == 200
    # Post the edit form back with the drift stage looping to the start.
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    stages = branching_stages()
    stages[2]["value"]["next_stage"] = "start"
    data = nested_form_data(
        {
            "title": "Sam's story",
            "slug": "sams-story",
            "intro": rich_text("<p>A family over time.</p>"),
            "stages": streamfield([(s["type"], _form_value(s["value"])) for s in stages]),
            "scoring_mode": "path",
            "pass_mark": 4,
            "max_attempts": 0,
            "attempt_policy": "best",
            "review": "immediately",
            "allow_practice": "on",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "loop for ever" in response.content.decode()
    quiz.refresh_from_db()
    assert quiz.structure().stage("drift").next_stage == "poor-end"


def _form_value(value):
    """Turn raw stage data into the nested form data Wagtail's StreamField widget posts."""
    from wagtail.test.utils.form_data import rich_text, streamfield

    def flat(v):
        if isinstance(v, bool):
            return "on" if v else ""
        return "" if v is None else v

    def struct(v):
        out = {}
        for key, item in v.items():
            if key == "options":
                out[key] = {
                    "count": len(item),
                    **{
                        str(i): {
                            "deleted": "",
                            "order": str(i),
                            "id": it["id"],
                            "value": struct(it["value"]),
                        }
                        for i, it in enumerate(item)
                    },
                }
            else:
                out[key] = flat(item)
        return out

    return {
        **{k: flat(v) for k, v in value.items()},
        "vignette": rich_text(value["vignette"]),
        "ending_feedback": rich_text(value["ending_feedback"] or "<p></p>"),
        "questions": streamfield([(q["type"], struct(q["value"])) for q in value["questions"]]),
    }


class TestQuizPageRules(WagtailPageTestCase):
    def test_quiz_lives_under_the_home_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(QuizPage, {HomePage})
        self.assertAllowedSubpageTypes(QuizPage, set())
        self.assertCanNotCreateAt(StandardPage, QuizPage)
        self.assertCanNotCreateAt(Page, QuizPage)

    def test_quiz_page_renders(self):
        quiz = quiz_create()
        self.assertPageIsRenderable(quiz)
        self.assertPageIsRoutable(quiz, "practice/")


def test_question_and_option_ids_survive_edits():
    quiz = quiz_create()
    before = quiz.structure()
    stages = branching_stages()
    stages[0]["value"]["questions"][0]["value"]["options"][0]["value"]["text"] = "Reworded"
    quiz.stages = stages
    quiz.save_revision().publish()
    after = QuizPage.objects.get(pk=quiz.pk).structure()
    q_before, q_after = before.stages[0].questions[0], after.stages[0].questions[0]
    assert q_before.id == q_after.id
    assert [o.id for o in q_before.options] == [o.id for o in q_after.options]
    assert q_after.options[0].text == "Reworded"


def test_new_blocks_get_ids_assigned():
    stages = branching_stages()
    for q in stages[0]["value"]["questions"]:
        q.pop("id")
        if "options" in q["value"]:
            # Options without ids are plain values (the older ListBlock format).
            q["value"]["options"] = [o["value"] for o in q["value"]["options"]]
    structure = _quiz(stages).structure()
    ids = [q.id for q in structure.stages[0].questions]
    assert all(ids) and len(set(ids)) == len(ids)
    assert all(o.id for o in structure.stages[0].questions[0].options)


def test_ids_given_on_creation_are_stored_and_stable():
    stages = branching_stages()
    for q in stages[0]["value"]["questions"]:
        q.pop("id")
        if "options" in q["value"]:
            # Options without ids are plain values (the older ListBlock format).
            q["value"]["options"] = [o["value"] for o in q["value"]["options"]]
    quiz = quiz_create(stages)
    first = QuizPage.objects.get(pk=quiz.pk).structure().stages[0]
    again = QuizPage.objects.get(pk=quiz.pk).structure().stages[0]
    assert [q.id for q in first.questions] == [q.id for q in again.questions]
    assert "None" not in [q.id for q in first.questions]
    assert [o.id for o in first.questions[0].options] == [o.id for o in again.questions[0].options]
