"""Case references: NHS numbers, postcodes and dates are refused however they are written;
names ask for confirming; ordinary pseudonyms pass (supervision.identifiers)."""

import pytest
from django.core.exceptions import ValidationError

from supervision.identifiers import (
    PSEUDONYM_WORDS,
    identifier_problem,
    is_valid_nhs_number,
    looks_like_a_name,
    validate_case_reference,
)

# 9434765919 and 4010232137 pass the modulus 11 check.
NHS_NUMBERS = [
    "9434765919",
    "943 476 5919",
    "943.476.5919",
    "943-476-5919",
    "943/476/5919",
    "943_476_5919",
    "943 - 476 - 5919",
    "9 4 3 4 7 6 5 9 1 9",
    "94347 65919",
    "401-023-2137",
    "Case 943.476.5919",
    "NHS9434765919",
    "Family Oak 943 476 5919",
    "Case 17, 943 476 5919",
]

POSTCODES = [
    "LS1 4AP",
    "ls1 4ap",
    "LS1-4AP",
    "LS14AP",
    "ls14ap",
    "sw1a.1aa",
    "SW1A 1AA",
    "Ls1  4Ap",
    "Ls1 / 4Ap",
    "GIR 0AA",
    "M1 1AE",
    "m1 1ae family",
    "Oak SW1A 1AA",
    "Family LS6 2QT",
    "Family (LS6 2QT)",
    "B33 8TH",
    "CR2 6XH",
    "DN55 1PT",
    "W1A 0AX",
    "EC1A 1BB",
]

DATES = [
    # Digits
    "DOB 010315",
    "dob: 1/3/15",
    "d.o.b. 1.3.15",
    "Date of birth 1 3 2015",
    "K 12/03/2015",
    "01.03.2015",
    "01-03-2015",
    "1/3/2015",
    "2015-03-01",
    "2015/3/1",
    "2015.03.01",
    "01032015",
    "20150301",
    "010315",
    "Family 03/2015",
    "Oak 2015-03",
    "born 2015-03-12",
    "b. 12/03/2015",
    # Words
    "born 3 March 2015",
    "3 March 2015",
    "3 March",
    "3rd March",
    "3rd of March",
    "03-Mar-2015",
    "March 3rd",
    "Mar 3, 2015",
    "March 3 2015",
    "March 15",
    "Mar-15",
    "Oak Dec 25",
    "March 2015",
    "march 2015",
    "MARCH 2015",
    "Sept 2019",
    "March, 2015",
    "March '15",
    "Baby Oak, born May 2015",
    "Child born in May",
    "first of March",
    "First of March two thousand and fifteen",
    "twenty-first of March",
    "March the third",
    "March two thousand and fifteen",
    "March twenty fifteen",
]

PSEUDONYMS = [
    "Family Oak",
    "Family Oak 2",
    "Family K",
    "Child B",
    "Child B (sibling 3)",
    "Sibling group 3",
    "Case 17",
    "Oak-17",
    "Maple-3",
    "Household 42",
    "Unborn baby Oak",
    "Young person Ash",
    "Family March",
    "Family May 2",
    "Family April 12",
    "Family June",
    "Family Oak (2 of 3)",
    "Case 123456",
    "Ref 9434765918",  # ten digits, but not a valid NHS number
    "Elm 1-2-3",
    "B12 group",
]


@pytest.mark.parametrize("value", NHS_NUMBERS)
def test_nhs_numbers_are_refused_whatever_the_separators(value):
    assert identifier_problem(value) == (
        "This looks like an NHS number. Use a pseudonym, not an NHS number."
    )


def test_nhs_check_digit_is_modulus_11():
    assert is_valid_nhs_number("9434765919")
    assert is_valid_nhs_number("4010232137")
    assert not is_valid_nhs_number("9434765918")  # wrong check digit
    assert not is_valid_nhs_number("943476591")  # nine digits
    assert not is_valid_nhs_number("943 476 5919")  # digits only
    assert identifier_problem("Ref 9434765918") is None
    assert identifier_problem("Ref 943.476.5918") is None


@pytest.mark.parametrize("value", POSTCODES)
def test_postcodes_are_refused_whatever_the_case_and_separators(value):
    assert identifier_problem(value) == (
        "This looks like a postcode. Use a pseudonym, not an address or postcode."
    )


@pytest.mark.parametrize("value", DATES)
def test_dates_are_refused_in_digits_and_in_words(value):
    assert identifier_problem(value) == (
        "This looks like a date. Do not include a date of birth or any other date."
    )


@pytest.mark.parametrize("value", PSEUDONYMS)
def test_ordinary_pseudonyms_pass(value):
    assert identifier_problem(value) is None
    validate_case_reference(value)


@pytest.mark.parametrize(
    "value", ["9434765919", "ls1 4ap", "DOB 010315", "March 2015", "943.476.5919"]
)
def test_refusals_name_the_kind_of_thing_and_never_echo_the_value(value):
    with pytest.raises(ValidationError) as refused:
        validate_case_reference(value)
    assert refused.value.code == "identifying"
    message = refused.value.messages[0]
    compact = "".join(ch for ch in value.lower() if ch.isalnum())
    assert value.lower() not in message.lower()
    assert compact not in "".join(ch for ch in message.lower() if ch.isalnum())


@pytest.mark.parametrize(
    "value",
    [
        "Jade Smith",
        "jade smith",
        "JADE SMITH",
        "Jade smith",
        "jADE sMITH",
        "Smith, Jade",
        "J Smith",
        "J. Smith",
        "Mary-Jane O'Neil",
        "Zoë Brontë",
        "Family Jade Smith",
        "Jade Smith 2",
    ],
)
def test_names_in_any_case_ask_for_confirming(value):
    assert looks_like_a_name(value)
    assert identifier_problem(value) is None  # a warning, not a refusal


@pytest.mark.parametrize(
    "value",
    [
        "Family Oak",
        "family oak",
        "FAMILY OAK",
        "Child B",
        "child b",
        "Sibling group 3",
        "Child B (sibling 3)",
        "Case 17",
        "Oak-17",
        "Family K",
        "Baby Ash",
        "Young person Ash",
        "Unborn baby Oak",
        "Mother of Child B",
        "Household 42",
        "Oak",
    ],
)
def test_pseudonym_patterns_need_no_confirming(value):
    assert not looks_like_a_name(value)


def test_pseudonym_words_are_lower_case_words():
    assert {"family", "child", "sibling", "baby", "case", "young", "person", "group"} <= (
        PSEUDONYM_WORDS
    )
    assert all(word == word.lower() and word.isalpha() for word in PSEUDONYM_WORDS)
