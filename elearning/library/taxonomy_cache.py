"""The taxonomy terms the library's filters list, kept in the shared cache between requests.

The four lists (themes, neglect types, age groups, audience sectors) are the same for every
visitor and change only when partnership staff edit a term, yet the library index read all
four on every request. They are kept under one key in the shared cache (Redis, or the
database cache: never one worker's memory), so a render costs one cache read instead of four
queries.

What invalidates it: saving or deleting any term of the four models (``post_save`` and
``post_delete``, connected in ``LibraryConfig.ready``). Bulk ``update()`` calls send no
signal; none are made on these models, and the key also expires after ``TIMEOUT`` so such a
change could never show for long. Only public, non-personal data is kept here.
"""

from dataclasses import dataclass

from django.core.cache import cache

from elearning.accounts.models import Sector

from .models import AgeGroup, AudienceSector, NeglectType, Theme

CACHE_KEY = "library:taxonomy-terms:v1"
# Bounds how long a change made without a signal (or while the cache was away) can show.
TIMEOUT = 10 * 60


@dataclass(frozen=True)
class Term:
    """A filter option: what the URL says (``slug``), what people read and the row's id."""

    id: int
    slug: str
    name: str

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class SectorTerm(Term):
    @property
    def label(self) -> str:
        # Worked out when shown, so it is in the reader's language, not the cache writer's.
        return str(Sector(self.slug).label) if self.slug in Sector.values else self.slug


TAXONOMY_MODELS = (Theme, NeglectType, AgeGroup, AudienceSector)


def _load() -> dict[str, tuple[Term, ...]]:
    return {
        "theme": tuple(Term(t.id, t.slug, t.name) for t in Theme.objects.all()),
        "neglect": tuple(Term(t.id, t.slug, t.name) for t in NeglectType.objects.all()),
        "age": tuple(Term(t.id, t.slug, t.name) for t in AgeGroup.objects.all()),
        "sector": tuple(SectorTerm(s.id, s.code, s.code) for s in AudienceSector.objects.all()),
    }


def taxonomy_terms() -> dict[str, tuple[Term, ...]]:
    """Each filter's terms in their editors' order, from the cache when it has them."""
    terms = cache.get(CACHE_KEY)
    if terms is None:
        terms = _load()
        cache.set(CACHE_KEY, terms, TIMEOUT)
    return terms


def taxonomy_terms_forget(**kwargs) -> None:
    """Signal receiver: a term changed, so the next render reads the database again."""
    cache.delete(CACHE_KEY)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    for model in TAXONOMY_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(
                taxonomy_terms_forget,
                sender=model,
                dispatch_uid=f"library-taxonomy-cache-{signal is post_save}-{model.__name__}",
            )
