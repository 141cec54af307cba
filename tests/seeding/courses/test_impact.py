"""The demo shows the impact follow-up: one waiting, one answered and confirmed."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from courses.models import ImpactFollowUp

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_follow_up_waiting_and_one_confirmed():
    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
    waiting = ImpactFollowUp.objects.waiting().get()
    assert waiting.enrolment.user.email == "social.worker@demo.example"
    confirmed = ImpactFollowUp.objects.get(manager_confirms=True)
    assert confirmed.enrolment.user.email == "practitioner@demo.example"
    assert confirmed.manager.email == "supervisor@demo.example"
    assert ImpactFollowUp.objects.count() == 2
