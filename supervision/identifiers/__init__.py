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

One module per kind of identifier (``nhs``, ``postcodes``, ``dates``, ``names``), the shared
``text.normalise`` and the ``checks`` that forms and models use; every name is re-exported here,
so ``supervision.identifiers.validate_case_reference`` (which migrations cite) keeps working.
"""

from .checks import identifier_problem, validate_case_reference
from .dates import contains_date
from .names import PSEUDONYM_WORDS, looks_like_a_name
from .nhs import contains_nhs_number, is_valid_nhs_number
from .postcodes import contains_postcode
from .text import normalise

__all__ = [
    "PSEUDONYM_WORDS",
    "contains_date",
    "contains_nhs_number",
    "contains_postcode",
    "identifier_problem",
    "is_valid_nhs_number",
    "looks_like_a_name",
    "normalise",
    "validate_case_reference",
]
