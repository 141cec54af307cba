"""What every library page shares (``elearning.library.models.library_page``)."""

import pytest
from django.core.exceptions import ValidationError

from . import factories as f

pytestmark = pytest.mark.django_db


def test_review_by_must_follow_last_reviewed():
    page = f.guide()
    page.review_by = page.last_reviewed
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "review_by" in error.value.message_dict
