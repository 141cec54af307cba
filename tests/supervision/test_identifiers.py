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

# Found by an outsider test: split by single letters, or written in other Unicode digits/dashes.
NHS_NUMBERS_SPLIT_BY_LETTERS_OR_UNICODE = [
    "943x476x5919",
    "943X476X5919",
    "943 x 476 x 5919",
    "943a476b5919",
    "Case 943x476x5919",
    "９４３ ４７６ ５９１９",  # full-width digits
    "\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669",  # Arabic-Indic digits
    "943\u2013476\u20135919",  # en dashes
    "943\u2212476\u22125919",  # minus signs
    "943\u200b476\u200b5919",  # zero-width spaces
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

# Found by an outsider test: long separator runs, every character spaced, full-width forms.
POSTCODES_SPACED_OR_UNICODE = [
    "LS1 - - 4AP",
    "LS1 -- / -- 4AP",
    "L S 1 4 A P",
    "l s 1 4 a p",
    "S W 1 A 1 A A",
    "L.S.1.4.A.P",
    "Family L S 1 4 A P",
    "ＬＳ１ ４ＡＰ",  # full-width letters and digits
    "ＬＳ１４ＡＰ",
    "LS1\u20134AP",  # en dash
    "LS1\u00a04AP",  # no-break space
    "LS1\u200b4AP",  # zero-width space
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

# Found by an outsider test: no spaces, odd separators, month and year or day and month only.
DATES_UNSPACED_OR_PARTIAL = [
    "03Mar2015",
    "3March2015",
    "march2015",
    "MARCH2015",
    "1stMarch",
    "3rdMar",
    "Oak 3rdOfMarch",
    "firstMarch",
    "FirstOfMarch2015",
    "Mar15",
    "Oak 03 2015",
    "Oak 3 2015",
    "Oak 2015 03",
    "Oak 15/03",
    "15.03",
    "15 / 03",
    "3/15",
    "12/99",
    "15\\03",
    "15-03",
    "03-15",
    "01|03|2015",
    "01:03:2015",
    "01 - - 03 - - 2015",
    "03_Mar_2015",
    "０３/０３/２０１５",  # full-width digits
    "03\u201303\u20132015",  # en dashes
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

# Must stay allowed alongside the stricter checks above.
PSEUDONYMS_STILL_ALLOWED = [
    "Oak-17",
    "Maple-3",
    "Family Oak 2",
    "Child B (sibling 3)",
    "Case 17",
    "Sibling group 3",
    "Case 123456",
    "Family May 2",
    "Oak 2",
    "Siblings 1-3",  # a range, not a date
    "Oak 1.2.3",
    "Family April 12",
    "Family Oak 2 of 3",
    "Ｆａｍｉｌｙ Ｏａｋ",  # full-width
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


@pytest.mark.parametrize("value", NHS_NUMBERS_SPLIT_BY_LETTERS_OR_UNICODE)
def test_nhs_numbers_split_by_letters_or_in_unicode_digits_are_refused(value):
    assert identifier_problem(value) == (
        "This looks like an NHS number. Use a pseudonym, not an NHS number."
    )


@pytest.mark.parametrize(
    "value",
    ["943x476x5918", "Case 943x476x5918", "Oak 17 Maple 943476591", "Case 17 Oak 12345678"],
)
def test_digits_failing_the_check_or_kept_apart_by_words_are_not_nhs_numbers(value):
    assert identifier_problem(value) is None


def test_nhs_check_digit_reads_unicode_digits():
    assert is_valid_nhs_number("９４３４７６５９１９")
    # NFKC reads superscripts as digits (and no longer fails on them).
    assert is_valid_nhs_number("\u00b2" * 10) == is_valid_nhs_number("2" * 10)
    assert not is_valid_nhs_number("９４３４７６５９１８")


@pytest.mark.parametrize("value", POSTCODES)
def test_postcodes_are_refused_whatever_the_case_and_separators(value):
    assert identifier_problem(value) == (
        "This looks like a postcode. Use a pseudonym, not an address or postcode."
    )


@pytest.mark.parametrize("value", POSTCODES_SPACED_OR_UNICODE)
def test_postcodes_spaced_out_or_in_full_width_are_refused(value):
    assert identifier_problem(value) == (
        "This looks like a postcode. Use a pseudonym, not an address or postcode."
    )


@pytest.mark.parametrize("value", DATES)
def test_dates_are_refused_in_digits_and_in_words(value):
    assert identifier_problem(value) == (
        "This looks like a date. Do not include a date of birth or any other date."
    )


@pytest.mark.parametrize("value", DATES_UNSPACED_OR_PARTIAL)
def test_dates_without_spaces_or_without_a_year_are_refused(value):
    assert identifier_problem(value) == (
        "This looks like a date. Do not include a date of birth or any other date."
    )


@pytest.mark.parametrize("value", PSEUDONYMS + PSEUDONYMS_STILL_ALLOWED)
def test_ordinary_pseudonyms_pass(value):
    assert identifier_problem(value) is None
    validate_case_reference(value)


@pytest.mark.parametrize(
    "value",
    [
        "9434765919",
        "ls1 4ap",
        "DOB 010315",
        "March 2015",
        "943.476.5919",
        "943x476x5919",
        "L S 1 4 A P",
        "ＬＳ１ ４ＡＰ",
        "03Mar2015",
        "Oak 15/03",
    ],
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
        # Found by an outsider test: joined by a dash, underscore or dot, or run together.
        "jade-smith",
        "Jade-Smith",
        "JadeSmith",
        "JADESmith",
        "jadeSmith",
        "jade_smith",
        "jade.smith",
        "Family jade_smith",
        "Ｊａｄｅ Ｓｍｉｔｈ",  # full-width
        "Jade\u200bSmith",  # zero-width space
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
        "Maple-3",
        "Family-Oak",
        "Step-mum",
        "Half-sibling",
        "Pre-birth",
        "Child_B",
        "CiN Oak",
        "McDonald",
        "Family Oak 2",
        "Case 123456",
    ],
)
def test_pseudonym_patterns_need_no_confirming(value):
    assert not looks_like_a_name(value)


def test_pseudonym_words_are_lower_case_words():
    assert {"family", "child", "sibling", "baby", "case", "young", "person", "group"} <= (
        PSEUDONYM_WORDS
    )
    assert all(word == word.lower() and word.isalpha() for word in PSEUDONYM_WORDS)
