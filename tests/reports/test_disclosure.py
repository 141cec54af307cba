"""Disclosure control: the one function every published figure about people passes through
(elearning/reports/disclosure.py)."""

import pickle

import pytest
from django.test import override_settings

from elearning.reports.disclosure import WITHHELD, Kind, csv_value, disclose, method_note
from elearning.reports.sections.base import percent

# --- The function ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "published"),
    [
        (0, 0),
        (1, WITHHELD),
        (4, WITHHELD),
        (5, 5),
        (7, 5),
        (8, 10),
        (12, 10),
        (13, 15),
        (22, 20),
        (23, 25),
        (1_002, 1_000),
    ],
)
def test_counts_of_people_are_withheld_below_5_and_rounded_to_the_nearest_5(value, published):
    assert disclose(value) == published


def test_a_count_resting_on_fewer_than_5_people_is_withheld_however_large():
    assert disclose(40, people=3) is WITHHELD
    assert disclose(0, people=3) is WITHHELD  # "none of these 3 passed" is about them too
    assert disclose(40, people=5) == 40


def test_shares_and_averages_need_20_people_and_use_the_unrounded_figures():
    # 7 of 22: the published counts (5 of 20) would say 25%; the share is worked out first.
    assert disclose(percent(7, 22), kind=Kind.PERCENT, people=22) == 32
    assert disclose(percent(7, 19), kind=Kind.PERCENT, people=19) is WITHHELD
    assert disclose(3.456, kind=Kind.MEAN, people=20) == 3.5
    assert disclose(-0.25, kind=Kind.INDEX, people=25) == -0.25
    assert disclose(None, kind=Kind.PERCENT, people=0) is None
    assert disclose(3, kind=Kind.PLAIN) == 3  # places, sessions, pages: not about people
    with pytest.raises(ValueError):
        disclose(50.0, kind=Kind.PERCENT)


@override_settings(REPORTS_MIN_PEOPLE_FOR_RATES=10)
def test_the_number_of_people_for_shares_is_configurable():
    assert disclose(50.0, kind=Kind.PERCENT, people=10) == 50
    assert disclose(50.0, kind=Kind.PERCENT, people=9) is WITHHELD
    assert "at least 10 people" in method_note()


def test_the_marker_is_one_and_the_same_everywhere():
    assert str(WITHHELD) == "[c]"
    assert csv_value(WITHHELD) == "[c]"
    assert pickle.loads(pickle.dumps(WITHHELD)) is WITHHELD
