"""Identifier refusal and each drift rule on its own."""

import datetime
from types import SimpleNamespace as NS

import pytest

from supervision.flags import (
    rule_adults_unknown,
    rule_carried_forward,
    rule_child_not_seen,
    rule_chronology_stale,
    rule_desensitisation,
    rule_not_changing,
    rule_stuck_without_escalation,
    rule_supervision_gap,
    rule_worker_changes,
)
from supervision.identifiers import identifier_problem, is_valid_nhs_number, looks_like_a_name
from supervision.models import SupervisionSettings

TODAY = datetime.date(2026, 11, 1)
SETTINGS = SupervisionSettings()


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "401-023-2137"])
def test_valid_nhs_numbers_are_refused(number):
    assert "NHS number" in identifier_problem(f"Case {number}")


def test_nhs_check_digit_is_modulus_11():
    assert is_valid_nhs_number("9434765919")
    assert not is_valid_nhs_number("9434765918")  # wrong check digit
    assert identifier_problem("Ref 9434765918") is None


@pytest.mark.parametrize("value", ["Oak SW1A 1AA", "m1 1ae family", "Family LS6 2QT"])
def test_postcodes_are_refused(value):
    assert "postcode" in identifier_problem(value)


@pytest.mark.parametrize(
    "value", ["K 12/03/2015", "born 2015-03-12", "3 March 2015", "Mar 3, 2015"]
)
def test_dates_are_refused(value):
    assert "date" in identifier_problem(value)


@pytest.mark.parametrize("value", ["Oak-17", "Family K", "Household 42", "Maple-3"])
def test_pseudonyms_pass(value):
    assert identifier_problem(value) is None


def test_two_capitalised_words_look_like_a_name():
    assert looks_like_a_name("Jade Smith")
    assert not looks_like_a_name("Oak-17")
    assert not looks_like_a_name("family oak")


def discussion(
    pk,
    day,
    *,
    check="no",
    worry=5,
    alone=True,
    voice=True,
    adults=True,
    chronology=None,
    stuck=False,
    escalations=0,
    worker_changed=False,
    text="",
):
    return NS(
        pk=pk,
        record=NS(held_on=day),
        case=NS(closed=False),
        change_check=check,
        worry_scale=worry,
        child_seen_alone=alone,
        voice_recorded=voice,
        adults_known=adults,
        chronology_reviewed_on=chronology,
        stuck=stuck,
        escalation_count=escalations,
        worker_changed=worker_changed,
        free_text=text,
    )


def months(n):
    return [TODAY - datetime.timedelta(days=30 * (n - i)) for i in range(n)]


def test_rule_1_three_discussions_not_changing():
    days = months(3)
    run = [discussion(i, d, check=c) for i, (d, c) in enumerate(zip(days, ["no", "unclear", "no"]))]
    finding = rule_not_changing(run, SETTINGS, TODAY)
    assert finding and finding.key == "d2"
    run[1].change_check = "partly"
    assert rule_not_changing(run, SETTINGS, TODAY) is None
    assert rule_not_changing(run[:2], SETTINGS, TODAY) is None


def test_rule_2_action_carried_forward_twice():
    carried = NS(
        pk=7, times_carried=2, status="in_progress", get_status_display=lambda: "In progress"
    )
    assert rule_carried_forward([], SETTINGS, TODAY, [carried]).key == "a7"
    carried.times_carried = 1
    assert rule_carried_forward([], SETTINGS, TODAY, [carried]) is None
    carried.times_carried, carried.status = 3, "done"
    assert rule_carried_forward([], SETTINGS, TODAY, [carried]) is None


def test_rule_3_child_not_seen_alone_or_heard():
    days = months(2)
    run = [discussion(0, days[0], alone=False), discussion(1, days[1], voice=False)]
    assert rule_child_not_seen(run, SETTINGS, TODAY)
    run[1].voice_recorded = True
    assert rule_child_not_seen(run, SETTINGS, TODAY) is None


def test_rule_4_adults_not_known():
    days = months(2)
    run = [discussion(0, days[0], adults=False), discussion(1, days[1], adults=False)]
    assert rule_adults_unknown(run, SETTINGS, TODAY)
    run[0].adults_known = True
    assert rule_adults_unknown(run, SETTINGS, TODAY) is None


def test_rule_5_chronology_older_than_twelve_weeks():
    recent = [discussion(0, TODAY, chronology=TODAY - datetime.timedelta(weeks=11))]
    assert rule_chronology_stale(recent, SETTINGS, TODAY) is None
    stale = [discussion(0, TODAY, chronology=TODAY - datetime.timedelta(weeks=13))]
    assert "more than 12 weeks" in rule_chronology_stale(stale, SETTINGS, TODAY).evidence
    never = [discussion(0, TODAY - datetime.timedelta(weeks=13))]
    assert "No chronology review" in rule_chronology_stale(never, SETTINGS, TODAY).evidence
    new_case = [discussion(0, TODAY - datetime.timedelta(weeks=2))]
    assert rule_chronology_stale(new_case, SETTINGS, TODAY) is None


def test_rule_6_worry_falling_while_nothing_changes():
    days = months(3)
    run = [discussion(i, d, worry=w) for i, (d, w) in enumerate(zip(days, [7, 6, 4]))]
    assert "fell from 7 to 4" in rule_desensitisation(run, SETTINGS, TODAY).evidence
    run[2].worry_scale = 7  # rising again: not the desensitisation pattern
    assert rule_desensitisation(run, SETTINGS, TODAY) is None
    run[2].worry_scale = 4
    run[1].change_check = "yes"
    assert rule_desensitisation(run, SETTINGS, TODAY) is None


def test_rule_6_normalising_phrases():
    finding = rule_desensitisation(
        [discussion(0, TODAY, check="yes", text="Honestly I have Seen Worse in this area")],
        SETTINGS,
        TODAY,
    )
    assert "seen worse" in finding.evidence and finding.key == "t0"


def test_rule_7_stuck_twice_with_no_escalation():
    days = months(2)
    run = [discussion(0, days[0], stuck=True), discussion(1, days[1], stuck=True)]
    assert rule_stuck_without_escalation(run, SETTINGS, TODAY)
    run[0].escalation_count = 1
    assert rule_stuck_without_escalation(run, SETTINGS, TODAY) is None


def test_rule_8_gap_longer_than_the_agreement_allows():
    agreement = NS(frequency_days=28, active_on=lambda day: True)
    records = [
        NS(pk=1, held_on=TODAY - datetime.timedelta(days=70)),
        NS(pk=2, held_on=TODAY - datetime.timedelta(days=20)),
    ]
    assert "50 days passed" in rule_supervision_gap(records, agreement, TODAY).evidence
    records[0].held_on = TODAY - datetime.timedelta(days=45)
    assert rule_supervision_gap(records, agreement, TODAY) is None
    overdue = [NS(pk=3, held_on=TODAY - datetime.timedelta(days=29))]
    assert rule_supervision_gap(overdue, agreement, TODAY).key == "s3"


def test_rule_9_worker_changes_with_no_change_for_the_child():
    days = months(4)
    run = [discussion(i, d, worker_changed=i in (1, 3)) for i, d in enumerate(days)]
    assert rule_worker_changes(run, SETTINGS, TODAY)
    run[2].change_check = "yes"
    assert rule_worker_changes(run, SETTINGS, TODAY) is None
    old = [
        discussion(i, TODAY - datetime.timedelta(days=400 + i), worker_changed=True)
        for i in range(3)
    ]
    assert rule_worker_changes(old, SETTINGS, TODAY) is None
