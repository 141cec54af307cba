"""Who gets training e-mails: people turn off optional ones (never essential ones), and the
partnership chooses whether confirmed line managers get copies."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import notifications, services
from courses.models import EmailKind, EmailPreferences, TrainingSettings
from courses.notifications.catalogue import KINDS, MANAGER_COPIES, PREFERENCE_CHOICES
from tests.factories import UserFactory, role_user

from .factories import BookingFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db

OPTIONAL = [key for key, _label in PREFERENCE_CHOICES]


def _turn_off(user, *keys):
    EmailPreferences.objects.update_or_create(user=user, defaults={"turned_off": list(keys)})


def _copies(on: bool):
    settings = TrainingSettings.load()
    settings.copy_managers = on
    settings.save()


@pytest.fixture
def team():
    manager = role_user("supervisor")
    learner = UserFactory(confirmed_manager=manager)
    session = SessionFactory(joining_details="https://meet.example/room-9", venue="")
    return manager, learner, session


def test_reminders_interest_offers_and_follow_ups_are_optional_and_bookings_are_not():
    optional = {key for key, kind in KINDS.items() if not kind.essential}
    assert optional == {
        EmailKind.BOOKING_REMINDER,
        EmailKind.CERTIFICATE_EXPIRY,
        EmailKind.INTEREST_OFFERED,
        EmailKind.IMPACT_FOLLOW_UP_DUE,
        EmailKind.IMPACT_MANAGER_ASKED,
    }


# --- Opting out ----------------------------------------------------------------------------


def test_a_turned_off_reminder_is_not_sent(practitioner, mailoutbox):
    now = timezone.now()
    session = SessionFactory(starts_at=now + datetime.timedelta(days=1))
    BookingFactory(session=session, user=practitioner)
    _turn_off(practitioner, EmailKind.BOOKING_REMINDER)
    assert services.session_reminders_send(now=now) == 1  # claimed, so never sent later
    assert mailoutbox == []


def test_a_reminder_still_goes_to_someone_who_did_not_turn_it_off(practitioner, mailoutbox):
    now = timezone.now()
    session = SessionFactory(starts_at=now + datetime.timedelta(days=1))
    BookingFactory(session=session, user=practitioner)
    _turn_off(practitioner, EmailKind.CERTIFICATE_EXPIRY)  # something else
    services.session_reminders_send(now=now)
    assert [m.to for m in mailoutbox] == [[practitioner.email]]


def test_essential_emails_ignore_preferences(practitioner, mailoutbox):
    _turn_off(practitioner, *OPTIONAL)
    # Even a forged entry for an essential kind is ignored.
    EmailPreferences.objects.filter(user=practitioner).update(
        turned_off=[*OPTIONAL, EmailKind.BOOKING_CONFIRMED]
    )
    services.booking_create(session=SessionFactory(), user=practitioner)
    assert [m.to for m in mailoutbox] == [[practitioner.email]]
    assert "confirmed" in mailoutbox[0].subject


def test_turned_off_interest_offers_and_follow_ups_are_not_sent(practitioner, mailoutbox):
    _turn_off(practitioner, EmailKind.INTEREST_OFFERED, EmailKind.IMPACT_FOLLOW_UP_DUE)
    notifications.interest_offered(
        user=practitioner, session=SessionFactory(), expires_at=timezone.now()
    )
    notifications.impact_follow_up_due(enrolment=EnrolmentFactory(user=practitioner), url="/x/")
    assert mailoutbox == []


# --- Manager copies ------------------------------------------------------------------------


def test_manager_gets_a_copy_without_joining_details_or_calendar(team, mailoutbox):
    manager, learner, session = team
    _copies(True)
    services.booking_create(session=session, user=learner)
    own = next(m for m in mailoutbox if m.to == [learner.email])
    copy = next(m for m in mailoutbox if m.to == [manager.email])
    assert copy.subject == f"Copy: {own.subject}"
    assert learner.get_full_name() in copy.body
    assert "line manager" in copy.body
    assert "meet.example" in own.body and "meet.example" not in copy.body
    assert own.attachments and not copy.attachments


def test_no_copies_when_the_partnership_turns_them_off(team, mailoutbox):
    manager, learner, session = team
    _copies(False)
    services.booking_create(session=session, user=learner)
    assert [m.to for m in mailoutbox] == [[learner.email]]


def test_a_manager_can_turn_copies_off(team, mailoutbox):
    manager, learner, session = team
    _copies(True)
    _turn_off(manager, MANAGER_COPIES)
    services.booking_create(session=session, user=learner)
    assert [m.to for m in mailoutbox] == [[learner.email]]


def test_no_copy_without_a_manager(practitioner, mailoutbox):
    _copies(True)
    services.booking_create(session=SessionFactory(), user=practitioner)
    assert len(mailoutbox) == 1


def test_emails_about_the_manager_are_never_copied(team, mailoutbox):
    manager, learner, session = team
    _copies(True)
    session.course.requires_manager_approval = True
    session.course.save()
    booking = services.booking_create(session=session, user=learner)
    # The learner hears the place is held; the manager is asked once, and gets no copy.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([learner.email, manager.email])
    to_manager = next(m for m in mailoutbox if m.to == [manager.email])
    assert to_manager.subject == "Please approve a training booking"
    mailoutbox.clear()
    services.booking_decide(booking=booking, approver=manager, approve=True)
    assert [m.to for m in mailoutbox] == [[learner.email]]
    assert "approved" in mailoutbox[0].subject
    mailoutbox.clear()
    notifications.manager_confirmation_asked(manager=manager, learner=learner, confirm_url="/c/")
    assert [m.to for m in mailoutbox] == [[manager.email]]


def test_a_reminder_turned_off_by_the_learner_sends_no_copy_either(team, mailoutbox):
    manager, learner, session = team
    _copies(True)
    booking = BookingFactory(session=session, user=learner)
    _turn_off(learner, EmailKind.BOOKING_REMINDER)
    notifications.booking_reminder(booking)
    assert mailoutbox == []


# --- The preferences page ------------------------------------------------------------------


def _url():
    return reverse("courses:email_preferences")


def test_page_shows_every_optional_email_ticked_at_first(login, practitioner):
    response = login(practitioner).get(_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('type="checkbox"') == len(OPTIONAL)
    assert content.count('checked="checked"') == len(OPTIONAL)
    assert "govuk-checkboxes" in content


def test_unticking_turns_an_email_off_and_ticking_turns_it_back_on(login, practitioner):
    client = login(practitioner)
    wanted = [k for k in OPTIONAL if k != EmailKind.BOOKING_REMINDER]
    response = client.post(_url(), {"wanted": wanted})
    assert response.status_code == 302
    assert EmailPreferences.objects.get(user=practitioner).turned_off == [
        EmailKind.BOOKING_REMINDER
    ]
    page = client.get(_url()).content.decode()
    assert page.count('checked="checked"') == len(OPTIONAL) - 1
    client.post(_url(), {"wanted": OPTIONAL})
    assert EmailPreferences.objects.get(user=practitioner).turned_off == []


def test_unticking_everything_is_allowed(login, practitioner):
    login(practitioner).post(_url(), {})
    assert set(EmailPreferences.objects.get(user=practitioner).turned_off) == set(OPTIONAL)


def test_a_tampered_choice_is_refused_and_nothing_changes(login, practitioner):
    _turn_off(practitioner, EmailKind.BOOKING_REMINDER)
    response = login(practitioner).post(
        _url(), {"wanted": [EmailKind.BOOKING_CONFIRMED, EmailKind.CERTIFICATE_EXPIRY]}
    )
    assert response.status_code == 200
    assert "Choose only from the e-mails listed." in response.content.decode()
    assert EmailPreferences.objects.get(user=practitioner).turned_off == [
        EmailKind.BOOKING_REMINDER
    ]


def test_the_service_refuses_an_essential_kind(practitioner):
    from courses.services.email_preferences import email_preferences_save

    with pytest.raises(services.CourseRefusal):
        email_preferences_save(user=practitioner, wanted=["booking_confirmed"])
    assert not EmailPreferences.objects.filter(user=practitioner).exists()


def test_each_person_sets_only_their_own(login, practitioner, other_practitioner):
    login(practitioner).post(_url(), {})
    assert not EmailPreferences.objects.filter(user=other_practitioner).exists()


def test_profile_links_to_the_preferences(login, practitioner):
    content = login(practitioner).get(reverse("accounts:profile")).content.decode()
    assert _url() in content
