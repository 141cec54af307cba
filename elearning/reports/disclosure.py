"""Statistical disclosure control: the one function every published figure about people
passes through, on the reports page, in its charts, in its CSV files and in its drill-downs.

The rules are those UK official statistics use for open data (HESA's rounding methodology):

- a count of people from 1 to 4 is never published, nor any figure resting on 1 to 4 people;
- every other count is rounded to the nearest 5 (zero stays zero);
- a percentage or an average is published only where the number of people under it is at
  least ``REPORTS_MIN_PEOPLE_FOR_RATES`` (20 unless configured), and is worked out from the
  unrounded figures;
- totals and subtotals are worked out from the unrounded figures and then published under the
  same rules, so no published figure minus others gives a hidden one exactly;
- a report narrowed to fewer people than that same number says so instead of showing figures.

Withheld figures are shown with one marker, ``[c]``, everywhere.
"""

from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext_lazy as _

ROUND_TO = 5
SMALLEST_COUNT = 5
DEFAULT_MIN_PEOPLE_FOR_RATES = 20


class Withheld:
    """The marker of a figure not published; one object, printed as ``[c]`` everywhere."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return "[c]"

    def __repr__(self) -> str:
        return "WITHHELD"

    def __reduce__(self):
        # Stored figures come back as the same marker.
        return (Withheld, ())


WITHHELD = Withheld()


class Kind(StrEnum):
    """What a figure is, which decides the rule it is published under."""

    COUNT = "count"  # a count of people, or of things people did
    PERCENT = "percent"  # a share of people or of things they did, 0 to 100
    MEAN = "mean"  # an average of people's answers (confidence ratings)
    CHANGE = "change"  # an average change, shown with its sign
    INDEX = "index"  # a statistic from -1 to 1 over people's answers (discrimination)
    PLAIN = "plain"  # not about people: sessions, places offered, pages, labels


def min_people_for_rates() -> int:
    return int(getattr(settings, "REPORTS_MIN_PEOPLE_FOR_RATES", DEFAULT_MIN_PEOPLE_FOR_RATES))


def disclose(value, *, kind: Kind = Kind.COUNT, people: int | None = None):
    """The publishable form of one figure: the figure rounded, or ``WITHHELD``.

    ``people`` is the number of distinct people the figure rests on; for a count of people it
    is the count itself (the default). ``None`` (nothing to show, such as a share of nothing)
    stays ``None``.
    """
    if value is None or value is WITHHELD or kind == Kind.PLAIN:
        return value
    if kind == Kind.COUNT:
        people = value if people is None else people
        if 0 < people < SMALLEST_COUNT or 0 < value < SMALLEST_COUNT:
            return WITHHELD
        # Whole numbers never fall half-way between two multiples of 5.
        return ROUND_TO * round(value / ROUND_TO)
    if people is None:
        raise ValueError("A percentage or an average needs the number of people under it.")
    if people < min_people_for_rates():
        return WITHHELD
    if kind == Kind.PERCENT:
        return round(value)
    return round(float(value), 2 if kind == Kind.INDEX else 1)


def too_few_people(people: int) -> bool:
    """Whether a report narrowed to ``people`` people must show no figures at all."""
    return people < min_people_for_rates()


def method_note() -> str:
    """The one explanation of the method, on the page and at the foot of every CSV file."""
    return str(
        _(
            "To protect the people counted, counts from 1 to 4 are not shown and every other "
            "count is rounded to the nearest 5 (zero stays zero). Percentages and averages are "
            "shown only where at least %(min)s people are counted, and are worked out before "
            "rounding. Totals are rounded in the same way, so they may not equal the sum of "
            "their rows. [c] marks a figure withheld under these rules."
        )
        % {"min": min_people_for_rates()}
    )


def display(value, kind: Kind = Kind.COUNT) -> str:
    """A published value as text, the same on the page and in CSV files."""
    if value is None:
        return "–"
    if value is WITHHELD:
        return str(WITHHELD)
    if kind == Kind.PERCENT:
        return f"{value}%"
    if kind == Kind.CHANGE:
        return f"{value:+.1f}"
    if kind == Kind.MEAN:
        return f"{value:.1f}"
    if kind == Kind.INDEX:
        return f"{value:.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def csv_value(value):
    """A published value in a CSV cell: numbers stay numbers for spreadsheets."""
    if value is None:
        return ""
    if value is WITHHELD:
        return str(WITHHELD)
    return value
