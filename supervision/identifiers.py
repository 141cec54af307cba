"""Keep identifying data out of case references.

A case reference is a pseudonym. Values that look like an NHS number, a UK postcode or a date
(of birth) are refused; two capitalised words look like a person's name and need confirming.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DIGITS = re.compile(r"\d[\d\s-]{8,}\d")
_POSTCODE = re.compile(r"\b(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b", re.IGNORECASE)
_MONTHS = (
    "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|"
    "oct(ober)?|nov(ember)?|dec(ember)?"
)
_DATES = [
    re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})\b"),
    re.compile(r"\b\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b"),
    re.compile(rf"\b\d{{1,2}}(st|nd|rd|th)?\s+({_MONTHS})\b", re.IGNORECASE),
    re.compile(rf"\b({_MONTHS})\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(r"\b\d{8}\b"),  # 01032015 or 20150301
]
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\s+[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\b")


def is_valid_nhs_number(digits: str) -> bool:
    """Ten digits whose last is the modulus 11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def contains_nhs_number(value: str) -> bool:
    for match in _DIGITS.finditer(value):
        digits = re.sub(r"\D", "", match.group())
        if is_valid_nhs_number(digits):
            return True
    return False


def identifier_problem(value: str) -> str | None:
    """Why ``value`` must not be used as a case reference, or None."""
    if contains_nhs_number(value):
        return str(_("This looks like an NHS number. Use a pseudonym, not an NHS number."))
    if _POSTCODE.search(value):
        return str(_("This looks like a postcode. Use a pseudonym, not an address or postcode."))
    if any(pattern.search(value) for pattern in _DATES):
        return str(_("This looks like a date. Do not include a date of birth or any other date."))
    return None


def validate_case_reference(value: str) -> None:
    problem = identifier_problem(value)
    if problem:
        raise ValidationError(problem, code="identifying")


def looks_like_a_name(value: str) -> bool:
    """Two capitalised words, like 'Jade Smith'. Only a warning: 'Family Oak' is fine."""
    return bool(_NAME.search(value))
