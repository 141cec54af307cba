"""Impact three months on: the follow-up is scheduled from the certificate, sent once with
one reminder, answered once by the learner from the day it is due, and confirmed once by
their line manager. Every refusal leaves what is stored unchanged."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate, ImpactFollowUp, TrainingSettings
from courses.services import CourseRefusal, impact
from courses.tasks import send_course_reminders
from tests.factories import UserFactory, manager_link_confirmed

from .factories import EnrolmentFactory, make_course

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
WEEKS_13 = datetime.timedelta(weeks=13)
ANSWER = {
    "practice_change": "I check the chronology.",
    "example": "At a review.",
    "confidence_now": 4,
}
FORM = {
    "practice_change": "I check the chronology.",
    "example": "At a review.",
    "confidence_now": "4",
}


def _certificate(user, *, completed_on=None, course=None) -> Certificate:
    enrolment = EnrolmentFactory(user=user, course=course or make_course(steps=0))
    enrolment.confidence_after = 4
    enrolment.save()
    return Certificate.objects.create(
        enrolment=enrolment,
        agency=enrolment.agency,
        learner_name=str(user),
        course_title=enrolment.course.title,
        cpd_hours=1,
        completed_on=completed_on or timezone.localdate(),
    )


def _due(user, *, manager=None, **fields) -> ImpactFollowUp:
    """A follow-up that fell due yesterday and was sent."""
    if manager is not None:
        manager_link_confirmed(learner=user, manager=manager)
    certificate = _certificate(user, completed_on=timezone.localdate() - WEEKS_13 - DAY)
    fields.setdefault("due_on", timezone.localdate() - DAY)
    fields.setdefault("sent_at", timezone.now() - DAY)
    return ImpactFollowUp.objects.create(enrolment=certificate.enrolment, **fields)


def _answered(user, manager, **fields) -> ImpactFollowUp:
    """A follow-up the learner answered yesterday; ``manager`` was asked."""
    follow_up = _due(
        user,
        manager=manager,
        answered_at=timezone.now() - DAY,
        practice_change="I ask who else lives in the home.",
        example="A home visit where a new partner had moved in.",
        confidence_now=5,
        **fields,
    )
    follow_up.manager = manager
    follow_up.save(update_fields=["manager"])
    return follow_up


def _fresh(follow_up) -> ImpactFollowUp:
    return ImpactFollowUp.objects.get(pk=follow_up.pk)


# --- Sending -------------------------------------------------------------------------------


def test_a_revoked_certificate_is_not_followed_up(mailoutbox, practitioner):
    waiting = _certificate(practitioner)
    impact.follow_ups_schedule()
    revoked_later = _certificate(practitioner)
    for certificate in (waiting, revoked_later):
        Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    with time_machine.travel(timezone.now() + 14 * 7 * DAY):
        impact.follow_ups_send()
    assert not ImpactFollowUp.objects.filter(enrolment=revoked_later.enrolment).exists()
    assert ImpactFollowUp.objects.get(enrolment=waiting.enrolment).sent_at is None
    assert mailoutbox == []


def test_a_follow_up_is_sent_once(mailoutbox, practitioner):
    certificate = _certificate(practitioner)
    with time_machine.travel(timezone.now() + 12 * 7 * DAY):
        send_course_reminders.enqueue()
    follow_up = ImpactFollowUp.objects.get(enrolment=certificate.enrolment)
    assert follow_up.due_on == certificate.completed_on + WEEKS_13
    assert follow_up.sent_at is None and mailoutbox == []  # made, not yet due

    with time_machine.travel(timezone.now() + 13 * 7 * DAY):
        send_course_reminders.enqueue()
        send_course_reminders.enqueue()  # the daily task running twice sends nothing more
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [practitioner.email]
    assert certificate.course_title in mailoutbox[0].subject
    assert reverse("courses:impact_follow_up", args=[follow_up.pk]) in mailoutbox[0].body
    assert "Do not include names" in mailoutbox[0].body
    assert ImpactFollowUp.objects.count() == 1
    assert _fresh(follow_up).sent_at is not None


def test_one_reminder_and_no_more(mailoutbox, practitioner):
    follow_up = _due(practitioner)
    impact.follow_ups_send(now=timezone.now() + 12 * DAY)
    assert mailoutbox == []  # sent yesterday; the reminder waits two weeks
    impact.follow_ups_send(now=timezone.now() + 14 * DAY)
    impact.follow_ups_send(now=timezone.now() + 60 * DAY)
    assert len(mailoutbox) == 1
    assert _fresh(follow_up).reminded_at is not None


def test_an_answered_follow_up_gets_no_reminder(mailoutbox, practitioner):
    _due(practitioner, answered_at=timezone.now(), confidence_now=3)
    assert impact.follow_ups_send(now=timezone.now() + 30 * DAY)["reminded"] == 0
    assert mailoutbox == []


def test_the_interval_comes_from_the_training_settings(practitioner):
    settings = TrainingSettings.load()
    settings.impact_follow_up_weeks = 4
    settings.save()
    certificate = _certificate(practitioner)
    impact.follow_ups_schedule()
    follow_up = ImpactFollowUp.objects.get(enrolment=certificate.enrolment)
    assert follow_up.due_on == certificate.completed_on + datetime.timedelta(weeks=4)


def test_completions_long_past_are_not_asked_about_and_leavers_are_not_asked(mailoutbox):
    _certificate(UserFactory(), completed_on=timezone.localdate() - 400 * DAY)
    leaver = UserFactory()
    _due(leaver, sent_at=None)
    leaver.is_active = False
    leaver.save()
    _due(UserFactory(), sent_at=None)  # due, active, unsent: the only one to send
    result = impact.follow_ups_send()
    assert result == {"scheduled": 0, "sent": 1, "reminded": 0}
    assert len(mailoutbox) == 1


# --- The learner's answer ------------------------------------------------------------------


def test_the_learner_answers_and_their_manager_is_asked(mailoutbox, practitioner, supervisor):
    follow_up = _due(practitioner, manager=supervisor)
    impact.follow_up_answer(follow_up=follow_up, user=practitioner, **ANSWER)
    saved = _fresh(follow_up)
    assert (saved.practice_change, saved.example, saved.confidence_now) == (
        "I check the chronology.",
        "At a review.",
        4,
    )
    assert saved.answered_at is not None and saved.manager == supervisor
    assert [m.to for m in mailoutbox] == [[supervisor.email]]
    assert reverse("courses:impact_manager", args=[follow_up.pk]) in mailoutbox[0].body
    # The answer itself stays on the site, not in an e-mail.
    assert "chronology" not in mailoutbox[0].body


def test_without_a_manager_nobody_is_asked(mailoutbox, practitioner):
    follow_up = _due(practitioner)
    impact.follow_up_answer(follow_up=follow_up, user=practitioner, **ANSWER)
    assert _fresh(follow_up).manager is None
    assert mailoutbox == []


def _unchanged(follow_up):
    saved = _fresh(follow_up)
    assert saved.answered_at is None and saved.confidence_now is None
    assert saved.practice_change == "" and saved.example == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"confidence_now": 0}, "confidence_now"),
        ({"confidence_now": 6}, "confidence_now"),
        ({"confidence_now": True}, "confidence_now"),
        ({"confidence_now": None}, "confidence_now"),
        ({"practice_change": "   "}, "practice_change"),
        ({"example": ""}, "example"),
        ({"example": "x" * 2001}, "example"),
    ],
)
def test_out_of_range_confidence_and_empty_answers_are_refused(practitioner, changes, field):
    follow_up = _due(practitioner)
    with pytest.raises(CourseRefusal) as refusal:
        impact.follow_up_answer(follow_up=follow_up, user=practitioner, **{**ANSWER, **changes})
    assert list(refusal.value.error_dict) == [field]
    _unchanged(follow_up)


def test_someone_elses_follow_up_is_refused(practitioner, other_practitioner):
    follow_up = _due(practitioner)
    with pytest.raises(CourseRefusal, match="only answer your own"):
        impact.follow_up_answer(follow_up=follow_up, user=other_practitioner, **ANSWER)
    _unchanged(follow_up)


def test_answering_before_it_is_due_is_refused(practitioner):
    follow_up = _due(practitioner, due_on=timezone.localdate() + DAY, sent_at=None)
    with pytest.raises(CourseRefusal, match="opens on"):
        impact.follow_up_answer(follow_up=follow_up, user=practitioner, **ANSWER)
    _unchanged(follow_up)
    # From the day it is due, it opens.
    impact.follow_up_answer(
        follow_up=follow_up, user=practitioner, now=timezone.now() + DAY, **ANSWER
    )
    assert _fresh(follow_up).answered_at is not None


def test_answering_twice_is_refused(mailoutbox, practitioner, supervisor):
    follow_up = _due(practitioner, manager=supervisor)
    impact.follow_up_answer(follow_up=follow_up, user=practitioner, **ANSWER)
    with pytest.raises(CourseRefusal, match="already answered"):
        impact.follow_up_answer(
            follow_up=follow_up, user=practitioner, **{**ANSWER, "example": "Another"}
        )
    assert _fresh(follow_up).example == "At a review."
    assert len(mailoutbox) == 1  # the manager was asked once


# --- The manager's answer ------------------------------------------------------------------


def test_the_manager_confirms_once(practitioner, supervisor):
    follow_up = _answered(practitioner, supervisor)
    impact.follow_up_manager_answer(
        follow_up=follow_up, manager=supervisor, confirms=True, comment=""
    )
    saved = _fresh(follow_up)
    assert saved.manager_confirms is True and saved.manager_answered_at is not None
    with pytest.raises(CourseRefusal, match="already answered"):
        impact.follow_up_manager_answer(
            follow_up=follow_up, manager=supervisor, confirms=False, comment="Changed my mind"
        )
    assert _fresh(follow_up).manager_confirms is True
    assert _fresh(follow_up).manager_comment == ""


def test_a_manager_who_does_not_confirm_must_say_why(practitioner, supervisor):
    follow_up = _answered(practitioner, supervisor)
    with pytest.raises(CourseRefusal) as refusal:
        impact.follow_up_manager_answer(
            follow_up=follow_up, manager=supervisor, confirms=False, comment="  "
        )
    assert list(refusal.value.error_dict) == ["manager_comment"]
    assert _fresh(follow_up).manager_answered_at is None
    impact.follow_up_manager_answer(
        follow_up=follow_up, manager=supervisor, confirms=False, comment="Not seen it yet."
    )
    assert _fresh(follow_up).manager_comment == "Not seen it yet."


def test_only_the_manager_asked_may_answer(practitioner, supervisor, other_practitioner, staff):
    follow_up = _answered(practitioner, supervisor)
    for someone in (other_practitioner, staff, practitioner):
        with pytest.raises(CourseRefusal, match="line manager"):
            impact.follow_up_manager_answer(
                follow_up=follow_up, manager=someone, confirms=True, comment=""
            )
    # A manager the learner has since left cannot answer either.
    manager_link_confirmed(learner=practitioner, manager=other_practitioner)
    with pytest.raises(CourseRefusal, match="line manager"):
        impact.follow_up_manager_answer(
            follow_up=follow_up, manager=supervisor, confirms=True, comment=""
        )
    assert _fresh(follow_up).manager_answered_at is None


def test_the_manager_cannot_answer_before_the_learner(practitioner, supervisor):
    follow_up = _due(practitioner, manager=supervisor)
    ImpactFollowUp.objects.filter(pk=follow_up.pk).update(manager=supervisor)
    with pytest.raises(CourseRefusal, match="line manager"):
        impact.follow_up_manager_answer(
            follow_up=follow_up, manager=supervisor, confirms=True, comment=""
        )
