"""Pages of the public site and the learning library: guides, briefings, their taxonomy and
the records teams keep of how they used a briefing.

One module per concern; import from here (``from elearning.library.models import HomePage``).
Migration 0003 names ``CacheHeadersMixin`` here as a base of its pages, so it stays importable
from this package although it lives with the page cache it feeds (``elearning.core.pagecache``).
"""

from elearning.core.pagecache import CacheHeadersMixin

from .briefings import (
    LIBRARY_TYPES,
    ONE_MINUTE_GUIDE_MAX_WORDS,
    SEVEN,
    CaseReviewBriefingPage,
    CaseReviewSource,
    OneMinuteGuidePage,
    SevenMinuteBriefingPage,
    SourceType,
)
from .library_index import LibraryIndexPage
from .library_page import (
    WORDS_PER_MINUTE,
    LibraryPage,
    LibraryPageManager,
    LibraryPageQuerySet,
)
from .site_pages import BODY_FEATURES, HomePage, StandardPage
from .site_settings import FooterSettings
from .taxonomy import AgeGroup, AudienceSector, NeglectType, TaxonomyTerm, Theme
from .team_use import TeamUse

__all__ = [
    "BODY_FEATURES",
    "LIBRARY_TYPES",
    "ONE_MINUTE_GUIDE_MAX_WORDS",
    "SEVEN",
    "WORDS_PER_MINUTE",
    "AgeGroup",
    "AudienceSector",
    "CacheHeadersMixin",
    "CaseReviewBriefingPage",
    "CaseReviewSource",
    "FooterSettings",
    "HomePage",
    "LibraryIndexPage",
    "LibraryPage",
    "LibraryPageManager",
    "LibraryPageQuerySet",
    "NeglectType",
    "OneMinuteGuidePage",
    "SevenMinuteBriefingPage",
    "SourceType",
    "StandardPage",
    "TaxonomyTerm",
    "TeamUse",
    "Theme",
]
