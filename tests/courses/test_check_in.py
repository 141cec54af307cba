"""Self check-in: the trainer's code screen, the attendee's check-in and every refusal."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from courses import services
from courses.models import Attendance, BookingStatus, PartAttendance, SessionPart
from courses.models.parts import CHECK_IN_ALPHABET
from courses.services.checkin import WRONG_GUESSES_ALLOWED
from tests.factories import UserFactory

from .factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db

M = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trainer():
    return UserFactory()


@pytest.fixture
def part(trainer):
    """A part that starts in ten minutes: check-in is open."""
    from django.utils import timezone

    session = SessionFactory(trainer=trainer, starts_at=timezone.now() + 10 * M)
    return session.parts.get()


def _code(part, trainer, **kwargs) -> str:
    return services.check_in_code(part=part, by=trainer, **kwargs)


def test_the_code_is_six_unambiguous_characters_and_stays_until_rotated(part, trainer):
    code = _code(part, trainer)
    assert len(code) == 6 and set(code) <= set(CHECK_IN_ALPHABET)
    assert not set(code) & set("0O1IL")
    assert _code(part, trainer) == code
    assert _code(part, trainer, rotate=True) != code or True  # may repeat by chance
    part.refresh_from_db()
    assert part.check_in_code == _code(part, trainer)


def test_only_the_trainer_or_staff_get_the_code(part, practitioner, staff):
    with pytest.raises(services.CourseRefusal):
        _code(part, practitioner)
    assert _code(part, staff)


def test_no_code_outside_the_window(part, trainer):
    with pytest.raises(services.CourseRefusal, match="opens at"):
        _code(part, trainer, now=part.starts_at - 31 * M)
    with pytest.raises(services.CourseRefusal, match="closed"):
        _code(part, trainer, now=part.ends_at + M)
    part.refresh_from_db()
    assert part.check_in_code == ""


def test_a_booked_person_checks_in_and_the_register_shows_them_ticked(part, trainer, login):
    booking = BookingFactory(session=part.session)
    code = _code(part, trainer)
    record, created = services.check_in(user=booking.user, code=code.lower())
    assert created and record.attended and record.method == "self"
    assert record.marked_by == booking.user
    booking.refresh_from_db()
    assert booking.attendance == ""  # not confirmed yet
    # The register is pre-filled; saving it confirms the check-in.
    with time_machine.travel(part.starts_at + M):
        client = login(trainer)
        url = reverse("courses:register", args=[part.session_id])
        html = client.get(url).content.decode()
        assert "Checked in on their phone" in html
        assert f'value="{booking.pk}-{part.pk}" checked' in html
        cell = f"{booking.pk}-{part.pk}"
        client.post(url, {"marked": cell, "attended": cell})
    record.refresh_from_db()
    booking.refresh_from_db()
    assert (record.method, record.marked_by, record.checked_in_at is not None) == (
        "trainer",
        trainer,
        True,
    )
    assert booking.attendance == Attendance.ATTENDED


def test_the_trainer_may_untick_a_check_in(part, trainer):
    booking = BookingFactory(session=part.session)
    code = _code(part, trainer)
    services.check_in(user=booking.user, code=code)
    services.attendance_record(
        session=part.session,
        marked_by=trainer,
        marks={(booking.pk, part.pk): False},
        now=part.starts_at + M,
    )
    booking.refresh_from_db()
    assert booking.attendance == Attendance.NO_SHOW
    # Checking in again does not overrule the trainer.
    with pytest.raises(services.CourseRefusal, match="already marked you as not here"):
        services.check_in(user=booking.user, code=code, part=part)
    assert not PartAttendance.objects.get().attended


@pytest.mark.parametrize(
    "offset, allowed",
    [(-31, False), (-30, True), (0, True), ("end", True), ("after", False)],
)
def test_the_window_runs_from_thirty_minutes_before_to_the_end(part, trainer, offset, allowed):
    booking = BookingFactory(session=part.session)
    code = _code(part, trainer)
    now = {"end": part.ends_at, "after": part.ends_at + M}.get(offset)
    now = now or part.starts_at + offset * M if not isinstance(offset, str) else now
    if allowed:
        assert services.check_in(user=booking.user, code=code, part=part, now=now)[1]
    else:
        with pytest.raises(services.CourseRefusal, match="opens at|closed"):
            services.check_in(user=booking.user, code=code, part=part, now=now)
        assert not PartAttendance.objects.exists()


def test_a_wrong_code_is_refused_and_stores_nothing(part, trainer):
    booking = BookingFactory(session=part.session)
    code = _code(part, trainer)
    wrong = "".join(CHECK_IN_ALPHABET[(CHECK_IN_ALPHABET.index(c) + 1) % 23] for c in code)
    with pytest.raises(services.CourseRefusal, match="not right.*9 tries left"):
        services.check_in(user=booking.user, code=wrong)
    assert not PartAttendance.objects.exists()


def test_a_code_for_another_session_is_refused(part, trainer, staff):
    booking = BookingFactory(session=part.session)
    _code(part, trainer)
    other = SessionFactory(starts_at=part.starts_at).parts.get()
    other_code = _code(other, staff)
    if other_code == part.check_in_code:  # one chance in 148 million
        other_code = _code(other, staff, rotate=True)
    with pytest.raises(services.CourseRefusal, match="different session"):
        services.check_in(user=booking.user, code=other_code)
    with pytest.raises(services.CourseRefusal, match="not right|different session"):
        services.check_in(user=booking.user, code=other_code, part=part)
    assert not PartAttendance.objects.exists()


@pytest.mark.parametrize("status", [None, BookingStatus.WAITING, BookingStatus.CANCELLED])
def test_someone_without_a_confirmed_place_cannot_check_in(part, trainer, status):
    user = UserFactory()
    if status:
        BookingFactory(session=part.session, user=user, status=status)
    code = _code(part, trainer)
    with pytest.raises(services.CourseRefusal, match="confirmed place"):
        services.check_in(user=user, code=code)
    with pytest.raises(services.CourseRefusal, match="confirmed place"):
        services.check_in(user=user, code=code, part=part)
    assert not PartAttendance.objects.exists()


def test_checking_in_twice_changes_nothing(part, trainer):
    booking = BookingFactory(session=part.session)
    code = _code(part, trainer)
    first, created = services.check_in(user=booking.user, code=code)
    again, created_again = services.check_in(user=booking.user, code=code, part=part)
    assert created and not created_again and first.pk == again.pk
    assert PartAttendance.objects.count() == 1


def test_another_booked_person_may_use_the_same_code(part, trainer):
    one, two = BookingFactory(session=part.session), BookingFactory(session=part.session)
    code = _code(part, trainer)
    services.check_in(user=one.user, code=code)
    services.check_in(user=two.user, code=code)
    assert set(PartAttendance.objects.values_list("booking_id", flat=True)) == {one.pk, two.pk}


def test_wrong_guesses_are_limited_per_person_and_part(part, trainer):
    booking = BookingFactory(session=part.session)
    code = _code(part, trainer)
    for _ in range(WRONG_GUESSES_ALLOWED):
        with pytest.raises(services.CourseRefusal, match="not right"):
            services.check_in(user=booking.user, code="AAAAAA" if code != "AAAAAA" else "CCCCCC")
    with pytest.raises(services.CourseRefusal, match="too many times"):
        services.check_in(user=booking.user, code=code)
    assert not PartAttendance.objects.exists()
    # Someone else booked is not held back by it.
    other = BookingFactory(session=part.session)
    assert services.check_in(user=other.user, code=code)[1]


def test_a_cancelled_session_has_no_check_in(part, trainer):
    booking = BookingFactory(session=part.session)
    code = _code(part, trainer)
    type(part.session).objects.filter(pk=part.session_id).update(cancelled_at=part.starts_at)
    with pytest.raises(services.CourseRefusal):
        services.check_in(user=booking.user, code=code, part=part)


# --- Pages ---------------------------------------------------------------------------------


def test_the_trainer_screen_shows_the_code_link_and_qr_code(part, trainer, login):
    client = login(trainer)
    url = reverse("courses:check_in_screen", args=[part.session_id, part.pk])
    html = client.get(url).content.decode()
    part.refresh_from_db()
    assert part.check_in_code in html
    assert "<svg" in html and 'aria-hidden="true"' in html
    assert f"/learning/check-in/?part={part.pk}&amp;code={part.check_in_code}" in html
    old = part.check_in_code
    client.post(url)
    part.refresh_from_db()
    assert part.check_in_code and (part.check_in_code != old or len(old) == 6)


def test_the_trainer_screen_before_the_window_says_when_it_opens(trainer, login):
    from django.utils import timezone

    part = SessionFactory(
        trainer=trainer, starts_at=timezone.now() + datetime.timedelta(days=2)
    ).parts.get()
    html = login(trainer).get(reverse("courses:check_in_screen", args=[part.session_id, part.pk]))
    assert "Check-in for this part opens at" in html.content.decode()
    part.refresh_from_db()
    assert part.check_in_code == ""


def test_the_code_screen_is_for_the_trainer_and_staff_only(part, trainer, practitioner, login):
    url = reverse("courses:check_in_screen", args=[part.session_id, part.pk])
    assert login(practitioner).get(url).status_code == 403
    other = SessionFactory().parts.get()
    assert (
        login(trainer)
        .get(reverse("courses:check_in_screen", args=[part.session_id, other.pk]))
        .status_code
        == 404
    )


def test_an_attendee_checks_in_on_the_page_always_as_themselves(part, trainer, login):
    booking, bystander = BookingFactory(session=part.session), BookingFactory(session=part.session)
    code = _code(part, trainer)
    client = login(booking.user)
    page = client.get(reverse("courses:check_in"), {"part": part.pk, "code": code})
    assert f'value="{code}"' in page.content.decode()
    response = client.post(
        reverse("courses:check_in"),
        {"part": part.pk, "code": code, "user": bystander.user_id, "booking": bystander.pk},
        follow=True,
    )
    assert "You are checked in" in response.content.decode()
    assert list(PartAttendance.objects.values_list("booking_id", flat=True)) == [booking.pk]
    again = client.post(reverse("courses:check_in"), {"code": code}, follow=True)
    assert "already checked in" in again.content.decode()


def test_the_page_shows_a_refusal_on_the_code_field(part, trainer, login):
    booking = BookingFactory(session=part.session)
    _code(part, trainer)
    response = login(booking.user).post(reverse("courses:check_in"), {"code": "XXXXXX"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "not right" in html
    assert not PartAttendance.objects.exists()


def test_a_tampered_part_id_is_not_found(login, practitioner):
    client = login(practitioner)
    for value in ("abc", "999999", "0", str(2**70)):
        assert client.get(reverse("courses:check_in"), {"part": value}).status_code == 404
        assert (
            client.post(reverse("courses:check_in"), {"part": value, "code": "AAAAAA"}).status_code
            == 404
        )


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("courses:check_in"), {"part": 1, "code": "ACDEFG"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_parts_are_listed_on_the_register_with_a_code_link(part, trainer, login):
    SessionPart.objects.create(
        session=part.session,
        sort_order=1,
        starts_at=part.ends_at + datetime.timedelta(hours=1),
        ends_at=part.ends_at + datetime.timedelta(hours=4),
    )
    html = login(trainer).get(reverse("courses:register", args=[part.session_id])).content.decode()
    assert "Show the check-in code for part 2" in html
