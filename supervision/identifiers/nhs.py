"""NHS numbers: ten digits passing the modulus 11 check, however they are split."""

import re

from .text import normalise

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
