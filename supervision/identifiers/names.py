"""Two ordinary words that could be a forename and a surname: only a warning, confirmed by the
practitioner."""

import re

from .text import normalise

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
