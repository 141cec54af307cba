"""The library taxonomy's public surface: themes, neglect types, age groups and audience
sectors, the queries that list them, and ``taxonomy_ensure`` to put back the starting terms.

Only the library uses these terms today (its pages are tagged with them; its seeders and the
browser tests call ``taxonomy_ensure``). An app that comes to need them imports from here
rather than from ``models``::

    from elearning.library.taxonomy import Theme, themes_all
"""

from elearning.accounts.models import Sector

from .models import AgeGroup, AudienceSector, NeglectType, Theme

__all__ = [
    "AgeGroup",
    "AudienceSector",
    "NeglectType",
    "Sector",
    "Theme",
    "age_groups_all",
    "audience_sectors_all",
    "neglect_types_all",
    "taxonomy_ensure",
    "themes_all",
]


def themes_all():
    return Theme.objects.all()


def neglect_types_all():
    return NeglectType.objects.all()


def age_groups_all():
    return AgeGroup.objects.all()


def audience_sectors_all():
    return AudienceSector.objects.all()


def taxonomy_ensure() -> None:
    """Put back the starting terms if they are missing (after ``flush``, in browser tests)."""
    from .taxonomy_data import taxonomy_seed

    taxonomy_seed(
        Theme=Theme, NeglectType=NeglectType, AgeGroup=AgeGroup, AudienceSector=AudienceSector
    )
