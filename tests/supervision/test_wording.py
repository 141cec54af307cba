"""The supervision home and dashboard panel speak to each person about their own side: a
supervisee about their records and their supervisor, a supervisor about their supervisees
and the records waiting for their signature, and someone who is both about both."""

import re

import pytest
from django.urls import reverse

from supervision import services
from tests.factories import role_user

from .factories import at, days, give_content, make_agreement, make_record

pytestmark = pytest.mark.django_db

SUPERVISEE_INTRO = "Your supervision records are seen only by you and your supervisor."
SUPERVISOR_INTRO = "The records of the people you supervise are seen only by them and you"
ACCESS_LOG_LINK = "See who has viewed your records"


def _sent_by_supervisee(agreement, *, days_ago=2):
    record = give_content(make_record(agreement, days_ago=days_ago))
    services.record_send(by=agreement.supervisee, record=record, version=record.version)
    return record


def _pages(login, user):
    client = login(user)
    return (
        client.get(reverse("supervision:home")).content.decode(),
        client.get(reverse("dashboard")).content.decode(),
    )


def test_a_supervisor_reads_wording_for_what_they_do(login):
    agreement = make_agreement(days_ago=100)
    record = _sent_by_supervisee(agreement)
    home, panel = _pages(login, agreement.supervisor)
    assert SUPERVISOR_INTRO in home
    assert SUPERVISEE_INTRO not in home and ACCESS_LOG_LINK not in home
    assert "Records waiting for your signature" in home
    assert reverse("supervision:record_sign", args=[record.pk]) in home
    assert "Export your reflections as CPD evidence" not in home
    assert "You supervise 1 person." in panel
    assert "1 record of someone you supervise is waiting for your signature." in panel
    assert "of your records" not in panel and "Your own supervision" not in panel


def test_a_supervisee_reads_wording_for_their_own_records(login):
    agreement = make_agreement(days_ago=100)
    record = give_content(make_record(agreement, days_ago=2))
    services.record_send(by=agreement.supervisor, record=record, version=record.version)
    home, panel = _pages(login, agreement.supervisee)
    assert SUPERVISEE_INTRO in home and ACCESS_LOG_LINK in home
    assert SUPERVISOR_INTRO not in home
    assert "Your records waiting for your signature" in home
    assert "Records waiting for your signature" not in home.replace(
        "Your records waiting for your signature", ""
    )
    assert "1 of your records is waiting for your signature." in panel
    assert "You supervise" not in panel and "Your supervisees" not in panel


def test_someone_who_is_both_sees_both_sides_each_in_its_own_words(login):
    middle = role_user("supervisor")
    above = make_agreement(middle, role_user("supervisor"), days_ago=100)
    below = make_agreement(role_user("practitioner"), middle, days_ago=100)
    _sent_by_supervisee(below)
    own = give_content(make_record(above, days_ago=3))
    services.record_send(by=above.supervisor, record=own, version=own.version)
    home, panel = _pages(login, middle)
    assert SUPERVISEE_INTRO in home and SUPERVISOR_INTRO in home
    assert "Your own supervision" in home
    assert "Records waiting for your signature" in home
    assert "Your records waiting for your signature" in home
    assert panel.index("Your supervisees") < panel.index("Your own supervision")
    assert "You supervise 1 person." in panel
    assert "1 record of someone you supervise is waiting for your signature." in panel
    assert "1 of your records is waiting for your signature." in panel


def test_a_former_supervisor_in_the_grace_period_still_sees_the_record_to_sign(login):
    agreement = make_agreement(days_ago=100)
    record = _sent_by_supervisee(agreement, days_ago=6)
    services.agreement_end(by=agreement.supervisee, agreement=agreement, now=at(days(5)))
    home, panel = _pages(login, agreement.supervisor)
    assert reverse("supervision:record_sign", args=[record.pk]) in home
    assert "You have no current agreement with anyone you supervise." in panel
    assert "1 record of someone you supervise is waiting for your signature." in panel


def test_the_supervising_table_counts_records_waiting_for_the_supervisor(login):
    agreement = make_agreement(days_ago=100)
    _sent_by_supervisee(agreement, days_ago=10)
    _sent_by_supervisee(agreement, days_ago=5)
    make_record(agreement, days_ago=1)  # a draft: unsigned, but not waiting for anyone
    home = login(agreement.supervisor).get(reverse("supervision:home")).content.decode()
    assert "Waiting for your signature" in home
    row = home[home.index(agreement.get_absolute_url()) :]
    cells = re.findall(r'govuk-table__cell--numeric"[^>]*>(\d+)<', row)
    assert cells[:2] == ["3", "2"], cells  # unsigned, waiting for your signature
