"""The checks the forms and models use."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .dates import contains_date
from .nhs import contains_nhs_number
from .postcodes import contains_postcode
from .text import normalise


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
