"""Normalising a value before any check, so full-width or look-alike characters do not slip
past: Unicode NFKC, other Unicode digits folded to 0-9, any dash to "-", format characters
dropped."""

import unicodedata

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
