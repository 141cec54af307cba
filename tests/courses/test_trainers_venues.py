"""Trainers and venues as records: no double-booking (from code and from the admin screen),
inactive records and room sizes, the trainer's register rights through their record, and
"Sessions I run"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import permissions, services
from courses.models import Trainer, TrainingSession
from courses.services.people_places import first_overlap, session_clashes
from tests.factories import UserFactory

from .factories import (
    BookingFactory,
    SessionFactory,
    TrainerFactory,
    VenueFactory,
    make_course,
)
from .test_session_changes import _admin_data

pytestmark = pytest.mark.django_db

NEGLECT = "Neglect: recognising and responding"


def _at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, minute))


def _session(*, starts, ends, **fields) -> TrainingSession:
    return SessionFactory.build(
        starts_at=starts,
        ends_at=ends,
        booking_deadline=starts - datetime.timedelta(days=3),
        cancellation_cutoff=starts - datetime.timedelta(days=2),
        **fields,
    )


@pytest.fixture
def jo():
    return TrainerFactory(name="Jo Bloggs")


@pytest.fixture
def tuesday_morning(jo):
    """Jo Bloggs runs the neglect course on Tuesday 3 March 2026, 09:30 to 12:30."""
    course = make_course(title=NEGLECT)
    return SessionFactory(
        course=course,
        trainer=jo,
        starts_at=_at(3, 9, 30),
        ends_at=_at(3, 12, 30),
        booking_deadline=_at(1, 9),
        cancellation_cutoff=_at(2, 9),
    )


# --- The interval rule ---------------------------------------------------------------------


def test_intervals_that_touch_do_not_overlap():
    morning = [(_at(3, 9, 30), _at(3, 12, 30))]
    assert first_overlap(morning, [(_at(3, 12, 30), _at(3, 15, 30))]) is None
    assert first_overlap(morning, [(_at(3, 8), _at(3, 9, 30))]) is None


def test_overlapping_intervals_name_the_other_interval():
    morning = [(_at(3, 9, 30), _at(3, 12, 30))]
    assert first_overlap(morning, [(_at(3, 12), _at(3, 14))]) == (_at(3, 12), _at(3, 14))
    assert first_overlap(morning, [(_at(3, 10), _at(3, 11))]) == (_at(3, 10), _at(3, 11))


def test_sessions_in_parts_clash_only_where_parts_overlap():
    two_mornings = [(_at(3, 9), _at(3, 12)), (_at(10, 9), _at(10, 12))]
    afternoon_between = [(_at(3, 13), _at(3, 16)), (_at(9, 9), _at(9, 12))]
    assert first_overlap(two_mornings, afternoon_between) is None
    assert first_overlap(two_mornings, [(_at(10, 11), _at(10, 13))]) == (_at(10, 11), _at(10, 13))


# --- The service ---------------------------------------------------------------------------


def test_a_double_booked_trainer_is_refused_with_the_clash_named(staff, jo, tuesday_morning):
    before = TrainingSession.objects.count()
    clashing = _session(starts=_at(3, 11), ends=_at(3, 14), trainer=jo, venue=VenueFactory())
    with pytest.raises(services.CourseRefusal) as refusal:
        services.session_save(by=staff, session=clashing)
    assert refusal.value.message_dict["trainer"] == [
        f"Jo Bloggs is already running {NEGLECT} on Tuesday 3 March 2026, 09:30 to 12:30."
    ]
    assert TrainingSession.objects.count() == before


def test_a_double_booked_venue_is_refused_with_the_clash_named(staff, tuesday_morning):
    clashing = _session(starts=_at(3, 9), ends=_at(3, 10), venue=tuesday_morning.venue)
    with pytest.raises(services.CourseRefusal) as refusal:
        services.session_save(by=staff, session=clashing)
    assert refusal.value.message_dict["venue"] == [
        f"{tuesday_morning.venue.name} is already booked for {NEGLECT} on Tuesday 3 March "
        "2026, 09:30 to 12:30."
    ]
    assert "trainer" not in refusal.value.message_dict


def test_moving_a_session_onto_a_clash_changes_nothing(staff, jo, tuesday_morning, mailoutbox):
    other = SessionFactory(trainer=jo, starts_at=_at(4, 9, 30), ends_at=_at(4, 12, 30))
    BookingFactory(session=other)
    other.starts_at, other.ends_at = _at(3, 10), _at(3, 13)
    with pytest.raises(services.CourseRefusal):
        services.session_save(by=staff, session=other)
    stored = TrainingSession.objects.get(pk=other.pk)
    assert (stored.starts_at, stored.sequence) == (_at(4, 9, 30), 0)
    assert mailoutbox == []


def test_back_to_back_sessions_do_not_clash(staff, jo, tuesday_morning):
    afternoon = _session(
        starts=_at(3, 12, 30), ends=_at(3, 15, 30), trainer=jo, venue=tuesday_morning.venue
    )
    services.session_save(by=staff, session=afternoon)
    assert TrainingSession.objects.filter(trainer=jo).count() == 2


def test_a_session_does_not_clash_with_itself_when_edited(staff, tuesday_morning):
    tuesday_morning.capacity = 12
    tuesday_morning.ends_at = _at(3, 13)
    services.session_save(by=staff, session=tuesday_morning)
    assert TrainingSession.objects.get(pk=tuesday_morning.pk).capacity == 12


@pytest.mark.parametrize("how", ["cancelled", "archived", "course archived"])
def test_cancelled_and_archived_sessions_do_not_clash(staff, jo, tuesday_morning, how):
    if how == "cancelled":
        tuesday_morning.cancelled_at = timezone.now()
        tuesday_morning.save()
    elif how == "archived":
        tuesday_morning.archived = True
        tuesday_morning.save()
    else:
        tuesday_morning.course.archived = True
        tuesday_morning.course.save()
    same_time = _session(
        starts=_at(3, 9, 30), ends=_at(3, 12, 30), trainer=jo, venue=tuesday_morning.venue
    )
    services.session_save(by=staff, session=same_time)
    assert same_time.pk is not None


def test_an_archived_session_being_saved_is_not_checked(jo, tuesday_morning):
    archived = _session(starts=_at(3, 9, 30), ends=_at(3, 12, 30), trainer=jo, archived=True)
    assert session_clashes(archived) == []


def test_online_sessions_without_a_trainer_never_clash(staff, tuesday_morning):
    online = _session(starts=_at(3, 9, 30), ends=_at(3, 12, 30), venue=None)
    services.session_save(by=staff, session=online)
    assert online.is_online and online.pk


def test_inactive_trainer_or_venue_cannot_be_chosen_but_stays_on_old_sessions(staff, jo):
    session = SessionFactory(trainer=jo)
    jo.active = False
    jo.save()
    session.venue.active = False
    session.venue.save()
    session.capacity = 8
    services.session_save(by=staff, session=session)  # keeps its trainer and venue

    new = _session(starts=_at(20, 9), ends=_at(20, 12), trainer=jo, venue=session.venue)
    with pytest.raises(services.CourseRefusal) as refusal:
        services.session_save(by=staff, session=new)
    assert "Jo Bloggs is marked as no longer running sessions" in str(refusal.value)
    assert "is marked as no longer used" in str(refusal.value)
    assert new.pk is None


def test_more_places_than_the_room_holds_are_refused(staff):
    room = VenueFactory(name="Small room", capacity=8)
    session = _session(starts=_at(20, 9), ends=_at(20, 12), venue=room, capacity=9)
    with pytest.raises(services.CourseRefusal) as refusal:
        services.session_save(by=staff, session=session)
    assert refusal.value.message_dict["capacity"] == [
        "Small room holds 8 people, so the session can offer at most 8 places."
    ]


# --- The admin screen ----------------------------------------------------------------------


def test_admin_edit_refuses_a_clash_on_the_form(login, staff, jo, tuesday_morning):
    other = SessionFactory(starts_at=_at(3, 13), ends_at=_at(3, 16))
    data = _admin_data(other, trainer=jo.pk, starts_at="2026-03-03 12:00")
    response = login(staff).post(reverse("training_sessions:edit", args=[other.pk]), data)
    assert response.status_code == 200
    assert f"Jo Bloggs is already running {NEGLECT}" in response.content.decode()
    stored = TrainingSession.objects.get(pk=other.pk)
    assert stored.trainer_id is None and stored.starts_at == _at(3, 13)


def test_admin_offers_only_active_trainers_and_venues(login, staff, jo):
    retired = TrainerFactory(name="Retired Trainer", active=False)
    response = login(staff).get(reverse("training_sessions:add"))
    page = response.content.decode()
    assert "Jo Bloggs" in page and "Retired Trainer" not in page
    session = SessionFactory(trainer=retired)
    page = login(staff).get(reverse("training_sessions:edit", args=[session.pk])).content
    assert b"Retired Trainer" in page


def test_trainer_and_venue_snippets_are_listed_for_staff(login, staff, jo):
    venue = VenueFactory(name="Town Hall, Room 5")
    assert "Jo Bloggs" in login(staff).get(reverse("wagtailsnippets_courses_trainer:list")).text
    listing = login(staff).get(reverse("wagtailsnippets_courses_venue:list")).text
    assert venue.name in listing


def test_deleting_a_trainer_with_sessions_is_refused(login, staff, jo, tuesday_morning):
    url = reverse("wagtailsnippets_courses_trainer:delete", args=[jo.pk])
    response = login(staff).post(url, follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert Trainer.objects.filter(pk=jo.pk).exists()


# --- Registers and "Sessions I run" --------------------------------------------------------


def test_the_register_follows_the_trainer_record_linked_to_an_account():
    person = UserFactory()
    stranger = UserFactory()
    linked = SessionFactory(trainer=TrainerFactory(user=person))
    unlinked = SessionFactory(trainer=TrainerFactory())
    assert permissions.can_mark_register(person, linked)
    assert not permissions.can_mark_register(person, unlinked)
    assert not permissions.can_mark_register(stranger, linked)
    assert list(permissions.sessions_markable_by(person, TrainingSession.objects.all())) == [linked]


def test_sessions_i_run_lists_own_upcoming_and_recent_sessions(login):
    person = UserFactory()
    mine = TrainerFactory(user=person)
    now = timezone.now()
    upcoming = SessionFactory(trainer=mine)
    recent = SessionFactory(
        trainer=mine,
        starts_at=now - datetime.timedelta(days=10),
        booking_deadline=now - datetime.timedelta(days=12),
        cancellation_cutoff=now - datetime.timedelta(days=11),
    )
    BookingFactory(session=recent)
    long_ago = SessionFactory(trainer=mine, starts_at=now - datetime.timedelta(days=200))
    someone_elses = SessionFactory(trainer=TrainerFactory())
    response = login(person).get(reverse("courses:sessions_i_run"))
    page = response.content.decode()
    for session in (upcoming, recent):
        assert reverse("courses:register", args=[session.pk]) in page
        assert reverse("courses:sign_in_sheet", args=[session.pk]) in page
    assert reverse("courses:register", args=[long_ago.pk]) not in page
    assert reverse("courses:register", args=[someone_elses.pk]) not in page
    assert "1 not marked" in page
    assert login(person).get(reverse("courses:register", args=[recent.pk])).status_code == 200


def test_sessions_i_run_tells_someone_who_is_not_a_trainer(login, practitioner):
    SessionFactory(trainer=TrainerFactory())
    response = login(practitioner).get(reverse("courses:sessions_i_run"))
    assert "You are not recorded as a trainer" in response.content.decode()


@pytest.mark.parametrize("rows", [5, 40])
def test_sessions_i_run_queries_do_not_grow(login, django_assert_max_num_queries, rows):
    person = UserFactory()
    mine = TrainerFactory(user=person)
    course = make_course(steps=0)
    for _ in range(rows):
        BookingFactory(session=SessionFactory(course=course, trainer=mine))
    client = login(person)
    client.get(reverse("courses:sessions_i_run"))  # what each process reads once is read
    # The same for 5 and 40 sessions: the page, its menus and one query for the sessions.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("courses:sessions_i_run"))
    assert response.content.decode().count("Sign-in sheet<") == rows
