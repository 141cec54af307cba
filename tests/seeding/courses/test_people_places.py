"""The demo shows trainers and venues, a session that a change of venue makes clash, and
last quarter's no-shows with reasons and charges."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings

from courses import services
from courses.models import Attendance, Booking, Trainer, Venue
from courses.services.no_shows import quarter_of

pytestmark = pytest.mark.django_db


def test_demo_has_trainers_venues_a_clash_to_try_and_charged_no_shows():
    from django.utils import timezone

    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
    assert Trainer.objects.filter(name="Jo Bloggs").count() == 1
    assert Trainer.objects.filter(user__email="staff@demo.example").count() == 1
    assert Venue.objects.filter(active=False).count() == 1
    library = Venue.objects.get(name="Northbridge Library, Meeting Room 1")
    civic = Venue.objects.get(name="Northbridge Civic Centre, Training Room 3")

    upcoming = library.sessions.filter(starts_at__gte=timezone.now()).get()
    upcoming.venue = civic
    staff = Trainer.objects.get(user__email="staff@demo.example").user
    with pytest.raises(services.CourseRefusal) as refusal:
        services.session_save(by=staff, session=upcoming)
    assert "is already booked for" in str(refusal.value)

    last_quarter = quarter_of(timezone.localdate()).previous()
    no_shows = Booking.objects.filter(
        attendance=Attendance.NO_SHOW,
        session__venue=library,
        session__starts_at__date__gte=last_quarter.first_day,
        session__starts_at__date__lt=last_quarter.next_first_day,
    )
    assert no_shows.count() == 3
    assert sorted(str(b.no_show_charge) for b in no_shows) == ["60.00", "60.00", "None"]
    assert Decimal("60.00") in {b.no_show_charge for b in no_shows}
