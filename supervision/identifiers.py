"""Keep identifying data out of case references.

A case reference is a pseudonym ("Family Oak", "Child B", "Sibling group 3"). Values that look
like an NHS number, a UK postcode or a date (of birth) are refused, however they are written:
with dots, spaces, dashes or nothing between the parts, in any letter case, in digits or in
words. Two ordinary words that could be a forename and a surname ("Jade Smith", "jade smith",
"jade-smith", "jade_smith", "JadeSmith") are only a warning: the practitioner confirms that the
value is a pseudonym.

Every check first normalises the value (Unicode NFKC, then any other Unicode digits to 0-9 and
any dash to "-", and invisible format characters removed), so full-width or look-alike
characters do not slip past.

Messages name the kind of thing found, never the value itself, so the value is not repeated
back into the page, logs or error reports.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# --- Normalising ---------------------------------------------------------------------------

_DASHES = frozenset("\u2212\u2043\u2e3a\u2e3b\ufe58\ufe63\uff0d")


def normalise(value: str) -> str:
    """NFKC, other Unicode digits folded to 0-9, dashes to "-", format characters dropped."""
    folded = []
    for ch in unicodedata.normalize("NFKC", value):
        category = unicodedata.category(ch)
        if category == "Nd":
            folded.append(str(unicodedata.decimal(ch)))
        elif category == "Pd" or ch in _DASHES:
            folded.append("-")
        elif category != "Cf":
            folded.append(ch)
    return "".join(folded)


# --- NHS numbers --------------------------------------------------------------------------

# Words of two letters or more keep numbers apart; a single letter is only a separator.
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_DIGIT_GROUP = re.compile(r"\d+")


def is_valid_nhs_number(digits: str) -> bool:
    """Ten digits whose last is the modulus 11 check digit of the first nine."""
    digits = normalise(digits)
    if len(digits) != 10 or not (digits.isascii() and digits.isdigit()):
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def contains_nhs_number(value: str) -> bool:
    """Ten digits passing the check, split by any separators or single letters, not by words.

    "943 476 5919", "943.476.5919", "943/476/5919", "9 4 3 4 7 6 5 9 1 9" and "943x476x5919"
    all count; the digits are read in whole groups, so "Case 17, 943 476 5919" is caught and
    "17" is not glued onto the number.
    """
    value = normalise(value)
    for chunk in _LETTERS.split(value):
        groups = _DIGIT_GROUP.findall(chunk)
        for start in range(len(groups)):
            digits = ""
            for group in groups[start:]:
                digits += group
                if len(digits) >= 10:
                    break
            if len(digits) == 10 and is_valid_nhs_number(digits):
                return True
    return False


# --- Postcodes ----------------------------------------------------------------------------
# The letters each position of a UK postcode can hold (Royal Mail's rules), so ordinary words
# and codes such as "B12" alone are not mistaken for one. Any run of separators (or none) may
# sit between the halves and between any two characters: "LS1 4AP", "ls1-4ap", "LS14AP",
# "sw1a.1aa", "Ls1  4Ap", "LS1 - - 4AP", "L S 1 4 A P".

_S = r"[\W_]*"  # separators: anything but letters and digits
_A1 = "[A-PR-UWYZ]"
_A2 = "[A-HK-Y]"
_N = "[0-9]"
_OUTWARD = (
    rf"(?:{_A1}{_S}{_N}(?:{_S}{_N})?"
    rf"|{_A1}{_S}{_A2}{_S}{_N}(?:{_S}{_N})?"
    rf"|{_A1}{_S}{_N}{_S}[A-HJKPSTUW]"
    rf"|{_A1}{_S}{_A2}{_S}{_N}{_S}[ABEHMNPRV-Y])"
)
_INWARD = rf"{_N}{_S}[ABD-HJLNP-UW-Z]{_S}[ABD-HJLNP-UW-Z]"
_POSTCODE = re.compile(
    rf"(?<![^\W_])(?:{_OUTWARD}{_S}{_INWARD}|G{_S}I{_S}R{_S}0{_S}A{_S}A)(?![^\W_])",
    re.IGNORECASE,
)


def contains_postcode(value: str) -> bool:
    return bool(_POSTCODE.search(normalise(value)))


# --- Dates --------------------------------------------------------------------------------

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


# --- Names --------------------------------------------------------------------------------
# Words that pseudonyms are commonly built from, and small joining words. Anything else made
# of letters could be a forename or a surname.

PSEUDONYM_WORDS = frozenset(
    [
        "family",
        "families",
        "household",
        "households",
        "home",
        "house",
        "case",
        "cases",
        "ref",
        "reference",
        "referral",
        "child",
        "children",
        "kid",
        "kids",
        "baby",
        "babies",
        "infant",
        "infants",
        "unborn",
        "toddler",
        "boy",
        "boys",
        "girl",
        "girls",
        "young",
        "person",
        "people",
        "teen",
        "teenager",
        "teenagers",
        "youth",
        "adult",
        "adults",
        "sibling",
        "siblings",
        "brother",
        "brothers",
        "sister",
        "sisters",
        "twin",
        "twins",
        "triplets",
        "group",
        "groups",
        "set",
        "mother",
        "mothers",
        "mum",
        "mums",
        "father",
        "fathers",
        "dad",
        "dads",
        "parent",
        "parents",
        "carer",
        "carers",
        "guardian",
        "step",
        "stepmother",
        "stepfather",
        "stepmum",
        "stepdad",
        "foster",
        "kinship",
        "grandparent",
        "grandparents",
        "grandmother",
        "grandfather",
        "gran",
        "nan",
        "grandad",
        "grandma",
        "grandpa",
        "aunt",
        "auntie",
        "uncle",
        "cousin",
        "partner",
        "partners",
        "member",
        "members",
        "subject",
        "index",
        "new",
        "old",
        "older",
        "younger",
        "elder",
        "eldest",
        "youngest",
        "middle",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "other",
        "another",
        "same",
        "cin",
        "cp",
        "lac",
        "cla",
        "ehm",
        "eha",
        "plan",
        "pre",
        "birth",
        "expected",
        "team",
        "unit",
        "no",
        "number",
        "part",
        "a",
        "an",
        "and",
        "the",
        "of",
        "in",
        "at",
        "on",
        "to",
        "by",
        "for",
        "or",
        "with",
        "from",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Spaces, commas, dots, underscores, dashes and slashes: "jade smith", "jade_smith",
# "jade.smith", "jade-smith", "Smith, Jade".
_BETWEEN_WORDS = re.compile(r"[\s,._\-/]+")
_NAME_PREFIXES = ("mc", "mac")


def _camel_case_parts(word: str) -> list[str]:
    """'JadeSmith' -> ['Jade', 'Smith'], 'JADESmith' -> ['JADE', 'Smith']. Pseudonym words
    ('CiN') and Mc/Mac surnames ('McDonald') are kept whole."""
    if word.lower() in PSEUDONYM_WORDS:
        return [word]
    parts, start = [], 0
    for i in range(1, len(word)):
        before, here = word[i - 1], word[i]
        after = word[i + 1] if i + 1 < len(word) else ""
        if here.isupper() and (before.islower() or (before.isupper() and after.islower())):
            if word[start:i].lower() in _NAME_PREFIXES:
                continue
            parts.append(word[start:i])
            start = i
    parts.append(word[start:])
    return parts


def _name_like(word: str) -> bool:
    return len(word) >= 2 and word.lower() not in PSEUDONYM_WORDS


def _initial(word: str) -> bool:
    return len(word) == 1 and word not in ("a", "i")


def looks_like_a_name(value: str) -> bool:
    """Two ordinary words side by side, in any case: 'Jade Smith', 'JADE SMITH', 'jade smith',
    or an initial and a surname ('J Smith'). Joined by a dash, underscore or dot
    ('jade-smith', 'jade_smith', 'jade.smith') or run together in CamelCase ('JadeSmith')
    they count too. Only a warning, confirmed by the practitioner.

    Pseudonym words such as 'family', 'child' or 'sibling' are not counted, so 'Family Oak',
    'Child B' and 'Sibling group 3' need no confirming.
    """
    value = normalise(value)
    # (word, start, end) with CamelCase words split into their parts.
    words = []
    for match in _WORD.finditer(value):
        start = match.start()
        for part in _camel_case_parts(match.group()):
            words.append((part, start, start + len(part)))
            start += len(part)
    for (first, _start, end), (second, start, _end) in zip(words, words[1:], strict=False):
        if end != start and not _BETWEEN_WORDS.fullmatch(value, end, start):
            continue
        if _name_like(second) and (_name_like(first) or _initial(first)):
            return True
    return False


# --- The checks the forms and models use --------------------------------------------------


def identifier_problem(value: str) -> str | None:
    """Why ``value`` must not be used as a case reference, or None."""
    value = normalise(value)
    if contains_nhs_number(value):
        return str(_("This looks like an NHS number. Use a pseudonym, not an NHS number."))
    if contains_postcode(value):
        return str(_("This looks like a postcode. Use a pseudonym, not an address or postcode."))
    if contains_date(value):
        return str(_("This looks like a date. Do not include a date of birth or any other date."))
    return None


def validate_case_reference(value: str) -> None:
    """Model validator: refuses NHS numbers, postcodes and dates (see identifier_problem)."""
    problem = identifier_problem(value)
    if problem:
        raise ValidationError(problem, code="identifying")
