"""The taxonomy models (``elearning.library.models.taxonomy``): the terms a new site starts with."""

import pytest

from elearning.accounts.models import Sector
from elearning.library.models import AgeGroup, AudienceSector, NeglectType, Theme

pytestmark = pytest.mark.django_db


def test_taxonomy_is_seeded_by_migration():
    assert Theme.objects.count() == 18
    assert set(NeglectType.objects.values_list("slug", flat=True)) == {
        "physical",
        "emotional",
        "medical",
        "educational",
        "supervisory",
    }
    assert list(AgeGroup.objects.values_list("slug", flat=True)) == [
        "unborn",
        "0-1",
        "1-4",
        "5-11",
        "12-17",
    ]
    assert set(AudienceSector.objects.values_list("code", flat=True)) == set(Sector.values)
