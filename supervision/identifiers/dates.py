"""Dates (of birth or otherwise), in digits or in words, in any order of day and month."""

import re

from .text import normalise

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# A month word is bounded by anything but letters, so "03Mar2015" and "march2015" count.
_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_NOT_BEFORE_LETTER = r"(?![^\W\d_])"
_MONTH_WORD = rf"(?:{_MONTHS}){_NOT_BEFORE_LETTER}\.?"
_MONTH = rf"{_NOT_AFTER_LETTER}{_MONTH_WORD}"
# Month words that are not also forenames: "March 15" is a date, "Family May 2" need not be.
_MONTH_NOT_A_NAME = (
    rf"{_NOT_AFTER_LETTER}(?:january|feb(?:ruary)?|mar(?:ch)?|apr|jun|jul(?:y)?|aug"
    rf"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?){_NOT_BEFORE_LETTER}\.?"
)
_ORDINAL_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth"
)
_ORDINAL_WORD = rf"\b(?:{_ORDINAL_WORDS})\b"
_DAY = r"(?<!\d)(?:0?[1-9]|[12][0-9]|3[01])(?!\d)"
_DAY_ORDINAL = rf"(?<!\d)(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th){_NOT_BEFORE_LETTER}"
_YEAR = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
_SHORT_YEAR = r"'\d{2}(?!\d)"
_YEAR_WORDS = r"\b(?:two\s+thousand|nineteen|twenty)\b"
# Any short run of anything but letters and digits: "1/3/15", "1 - 3 - 15", "01|03|2015".
_SEP = r"[\W_]{1,5}"

_DATE_PATTERNS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # 3 March, 3rd March, 3rd of March, 03-Mar-2015, 03Mar2015, 1stMarch
        rf"{_DAY}(?:st|nd|rd|th)?[\W_]{{0,5}}(?:of[\W_]{{0,5}})?{_MONTH_WORD}",
        # first of March, twenty-first March, firstMarch, March the first
        rf"{_NOT_AFTER_LETTER}(?:{_ORDINAL_WORDS})[\W_]{{0,5}}(?:of[\W_]{{0,5}})?{_MONTH_WORD}",
        rf"{_MONTH}[\s,]*(?:the\s+)?{_ORDINAL_WORD}",
        # March 3rd, March 3, 2015, March 3, Mar-15, March 2015, March '15,
        # March two thousand and fifteen
        rf"{_MONTH}[\s,]*(?:the\s+)?{_DAY_ORDINAL}",
        rf"{_MONTH}[\s,]*{_DAY}[\s,]+{_YEAR}",
        rf"{_MONTH_NOT_A_NAME}[\s,\-/.]*(?:the\s+)?{_DAY}",
        rf"{_MONTH}[\s,\-/.]*(?:of\s+)?(?:{_YEAR}|{_SHORT_YEAR}|{_YEAR_WORDS})",
        # 03/2015, 3.2015, 2015-03, 03 2015
        rf"(?<!\d)(?:0?[1-9]|1[0-2])(?:{_SEP}){_YEAR}",
        rf"{_YEAR}(?:{_SEP})(?:0?[1-9]|1[0-2])(?!\d)",
    )
]
# Day, month and year in digits with separators; checked for a plausible day and month.
_NUMERIC_DATE = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:{_SEP})(\d{{1,2}})(?:{_SEP})(\d{{4}}|\d{{2}})(?!\d)"
)
_ISO_DATE = re.compile(
    rf"(?<!\d)((?:19|20)\d{{2}})(?:{_SEP})(\d{{1,2}})(?:{_SEP})(\d{{1,2}})(?!\d)"
)
# Two numbers without a year: "15/03", "15.03", "3/15" (March 2015 or 15 March), "15-03".
# Not part of a longer run such as "Elm 1-2-3" or "1.2.3".
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\s*([/.\\\-])\s*(\d{1,2})(?!\d)(?!\s*[/.\\\-]\s*\d)")
_CHAIN_BEFORE = re.compile(r"\d\s*[/.\\\-]\s*$")
_DIGIT_RUN = re.compile(r"(?<!\d)(\d{6}|\d{8})(?!\d)")
# "DOB", "d.o.b.", "date of birth", "born", "birthday" followed by anything date-like.
_BIRTH_WORDS = re.compile(
    r"(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bborn\b|\bbirth\s*(?:day|date)\b)",
    re.IGNORECASE,
)
_DATE_LIKE = re.compile(rf"\d|{_MONTH}|{_ORDINAL_WORD}|{_YEAR_WORDS}", re.IGNORECASE)


def _day_and_month(first: int, second: int) -> bool:
    """British (day, month) or American (month, day) order."""
    return (1 <= first <= 31 and 1 <= second <= 12) or (1 <= first <= 12 and 1 <= second <= 31)


def _digits_are_a_date(run: str) -> bool:
    """010315 (ddmmyy), 01032015 (ddmmyyyy) or 20150301 (yyyymmdd)."""
    if len(run) == 6:
        return _day_and_month(int(run[:2]), int(run[2:4]))
    if run[:2] in ("19", "20") and 1 <= int(run[4:6]) <= 12 and 1 <= int(run[6:]) <= 31:
        return True
    return run[4:6] in ("19", "20") and _day_and_month(int(run[:2]), int(run[2:4]))


def _two_numbers_are_a_date(first: str, separator: str, second: str) -> bool:
    """Day/month, month/day or month/two-digit year. With a dash ("Siblings 1-3" is a range)
    only when a part is written with a leading zero: "15-03", "03-15"."""
    if separator == "-" and not any(len(part) == 2 and part[0] == "0" for part in (first, second)):
        return False
    day_or_month, month_or_year = int(first), int(second)
    if _day_and_month(day_or_month, month_or_year):
        return True
    return 1 <= day_or_month <= 12 and len(second) == 2


def contains_date(value: str) -> bool:
    value = normalise(value)
    if any(pattern.search(value) for pattern in _DATE_PATTERNS):
        return True
    for match in _NUMERIC_DATE.finditer(value):
        if _day_and_month(int(match.group(1)), int(match.group(2))):
            return True
    for match in _ISO_DATE.finditer(value):
        if 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31:
            return True
    for match in _DAY_MONTH.finditer(value):
        if _CHAIN_BEFORE.search(value, 0, match.start()):
            continue
        if _two_numbers_are_a_date(match.group(1), match.group(2), match.group(3)):
            return True
    if any(_digits_are_a_date(match.group()) for match in _DIGIT_RUN.finditer(value)):
        return True
    birth = _BIRTH_WORDS.search(value)
    return bool(birth and _DATE_LIKE.search(value, birth.end()))
