"""UK postcodes, with any separators (or none) between their characters."""

import re

from .text import normalise

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
