"""``manage.py seed_demo``: the demo accounts, seeded once however often it runs, with
MFA where their role needs it, and nothing seeded outside DEMO_MODE."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from elearning.accounts.models import Agency, User


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())
        counts = (User.objects.count(), Agency.objects.count())
        call_command("seed_demo", stdout=io.StringIO())
    assert (User.objects.count(), Agency.objects.count()) == counts
    from seeding.accounts.demo import DEMO_USERS

    assert counts[0] == len(DEMO_USERS) == 8


@pytest.mark.django_db
def test_demo_accounts_have_mfa_where_their_role_needs_it():
    from tests.factories import has_totp

    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert has_totp(User.objects.get(email="supervisor@demo.example"))
    assert has_totp(User.objects.get(email="admin@demo.example"))
    assert not has_totp(User.objects.get(email="practitioner@demo.example"))


@pytest.mark.django_db
def test_seed_demo_and_demo_codes_are_refused_outside_demo_mode():
    with pytest.raises(CommandError):
        call_command("seed_demo")
    with pytest.raises(CommandError):
        call_command("demo_totp")
    assert not User.objects.exists()
