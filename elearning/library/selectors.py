"""Reads shared by library pages, views and reports."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Q, Sum, Value

from elearning.core import sitecache

from .models import LIBRARY_TYPES, LibraryPage
from .taxonomy_cache import taxonomy_terms

LIBRARY_PAGE_SIZE = 20
RELATED_LIMIT = 3
# Nobody needs more than this many values of one filter; more are ignored, not an error.
MAX_VALUES_PER_FILTER = 30


@dataclass
class FilterOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FilterOption]

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)


def related_pages(
    *, page: LibraryPage, limit: int = RELATED_LIMIT, theme_ids: list[int] | None = None
) -> list[LibraryPage]:
    """Other readable pages sharing the most themes with ``page``.

    ``theme_ids``: the page's themes when the caller has already read them (saves a query).
    """
    if theme_ids is None:
        theme_ids = list(page.themes.values_list("id", flat=True))
    if not theme_ids:
        return []
    return list(
        LibraryPage.objects.listable()
        .exclude(pk=page.pk)
        .filter(themes__in=theme_ids)
        .annotate(shared=Count("themes", distinct=True))
        .order_by("-shared", "title")[:limit]
    )


def library_page_context(*, page: LibraryPage, request=None) -> dict:
    """What a guide or briefing shows besides its own fields: its themes and related pages.

    With the request, the related pages are kept in this process while the shared content
    generation stands (``elearning.core.sitecache``): they change only when a page is
    published, unpublished, moved or made private, each of which starts a new generation."""
    themes = list(page.themes.all())
    theme_ids = [theme.id for theme in themes]

    def related():
        return tuple(related_pages(page=page, theme_ids=theme_ids))

    if request is None:
        kept = related()
    else:
        kept = sitecache.remember(request, ("related-pages", page.pk, tuple(theme_ids)), related)
    # Each request its own copies, as with every page kept across requests.
    return {"themes": themes, "related_pages": [sitecache.fresh_copy(p) for p in kept]}


def _type_content_types() -> dict[str, int]:
    return {
        key: ContentType.objects.get_for_model(model).id for key, model in LIBRARY_TYPES.items()
    }


def _selected(params, name: str, allowed: set[str]) -> list[str]:
    values = params.getlist(name)[:MAX_VALUES_PER_FILTER]
    return [value for value in dict.fromkeys(values) if value in allowed]


FACET_LABELS = {
    "type": "Type",
    "theme": "Theme",
    "neglect": "Type of neglect",
    "age": "Age group",
    "sector": "Sector",
}
# Filter name -> the through model of the page's many-to-many field and its term column.
_MEMBERSHIPS = {
    "theme": (LibraryPage.themes.through, "theme_id"),
    "neglect": (LibraryPage.neglect_types.through, "neglecttype_id"),
    "age": (LibraryPage.age_groups.through, "agegroup_id"),
    "sector": (LibraryPage.audience_sectors.through, "audiencesector_id"),
}


def _memberships(base) -> dict[str, dict[int, set[int]]]:
    """Per filter, each listed page's term ids: the four link tables in one query."""
    kinds = list(_MEMBERSHIPS)
    queries = [
        through.objects.filter(librarypage_id__in=base.values("pk"))
        .annotate(kind=Value(number))
        .values_list("kind", "librarypage_id", column)
        .order_by()
        for number, (through, column) in enumerate(_MEMBERSHIPS.values())
    ]
    members: dict[str, dict[int, set[int]]] = {kind: {} for kind in kinds}
    for number, page_id, term_id in queries[0].union(*queries[1:], all=True):
        members[kinds[number]].setdefault(page_id, set()).add(term_id)
    return members


def _listing(index_page) -> tuple[tuple[tuple[int, int], ...], dict]:
    """The pages listed under ``index_page`` (id and type, in title order) and their terms."""
    base = LibraryPage.objects.listable().descendant_of(index_page)
    rows = tuple(base.order_by("title", "pk").values_list("pk", "content_type_id"))
    return rows, _memberships(base)


def _kept_listing(index_page, request):
    """:func:`_listing`, kept in this process while the shared content generation stands
    (``elearning.core.sitecache``): which pages are listed, and with which terms, changes only
    when a page is published, unpublished, moved or made private, or a term is saved, and
    each of those starts a new generation on every server. Only read, never changed."""
    if request is None:
        return _listing(index_page)
    return sitecache.remember(
        request, ("library-listing", index_page.pk), lambda: _listing(index_page)
    )


def library_listing(*, index_page, params, request=None) -> dict:
    """Filtered, counted and paged pages under ``index_page``.

    Values within one filter widen the results (any of them); different filters narrow them.
    Values that do not exist are ignored so old bookmarks and tampered URLs still work.
    Counts per option are what the results would be with that option added to the others.

    The same number of queries whatever the filters and however many pages there are: the
    listed pages (id, type, in title order) and their terms are read once, and the counts
    and the filtering are worked out from them; then only the pages shown are loaded.
    """
    type_ids = _type_content_types()
    terms = taxonomy_terms()
    selected = {"type": _selected(params, "type", set(type_ids))}
    for name, options in terms.items():
        selected[name] = _selected(params, name, {option.slug for option in options})

    rows, members = _kept_listing(index_page, request)

    # Per filter with values chosen: the pages that have any of them.
    wanted: dict[str, set[int]] = {}
    if selected["type"]:
        chosen = {type_ids[value] for value in selected["type"]}
        wanted["type"] = {pk for pk, content_type_id in rows if content_type_id in chosen}
    for name, options in terms.items():
        if selected[name]:
            chosen = {option.id for option in options if option.slug in selected[name]}
            wanted[name] = {pk for pk, ids in members[name].items() if ids & chosen}

    def matching(skip: str | None = None) -> list[int]:
        sets = [pages for name, pages in wanted.items() if name != skip]
        return [pk for pk, _type in rows if all(pk in pages for pages in sets)]

    content_types = dict(rows)
    type_counts = Counter(content_types[pk] for pk in matching("type"))
    facets = [
        Facet(
            "type",
            FACET_LABELS["type"],
            [
                FilterOption(
                    key,
                    str(model._meta.verbose_name).capitalize(),
                    type_counts.get(type_ids[key], 0),
                    key in selected["type"],
                )
                for key, model in LIBRARY_TYPES.items()
            ],
        )
    ]
    for name, options in terms.items():
        counts = Counter(term_id for pk in matching(name) for term_id in members[name].get(pk, ()))
        facets.append(
            Facet(
                name,
                FACET_LABELS[name],
                [
                    FilterOption(
                        option.slug,
                        option.label,
                        counts.get(option.id, 0),
                        option.slug in selected[name],
                    )
                    for option in options
                ],
            )
        )

    paginator = Paginator(matching(), LIBRARY_PAGE_SIZE)
    try:
        page_obj = paginator.page(params.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        page_obj = paginator.page(1)
    shown = list(page_obj.object_list)
    loaded = LibraryPage.objects.filter(pk__in=shown).select_related("content_type").in_bulk()
    themes = terms["theme"]
    results = []
    for pk in shown:
        page = loaded.get(pk)
        if page is None:  # unpublished or deleted since the list was read
            continue
        page_themes = members["theme"].get(pk, set())
        # The themes in their editors' order, from the cached terms: no query per page.
        page.theme_list = [theme for theme in themes if theme.id in page_themes]
        results.append(page)
    page_obj.object_list = results
    return {
        "facets": facets,
        "results": page_obj,
        "any_filter": any(selected.values()),
    }


# --- Partnership reports: figures for any grouping, one aggregate query each ---------------


def team_use_figures(uses, by) -> list[dict]:
    """Per group of the ``by`` fields: team uses recorded, people who took part, and how many
    different briefings and agencies they cover."""
    return list(
        uses.values(*by)
        .annotate(
            uses=Count("pk"),
            attendees=Sum("attendees"),
            briefings=Count("briefing", distinct=True),
            agencies=Count("agency", distinct=True),
        )
        .order_by(*by)
    )


def review_figures(pages, by, *, today, horizon) -> list[dict]:
    """Per group: pages, pages past their review-by date, and pages due by ``horizon``."""
    return list(
        pages.values(*by)
        .annotate(
            pages=Count("pk"),
            past=Count("pk", filter=Q(review_by__lt=today)),
            due=Count("pk", filter=Q(review_by__gte=today, review_by__lte=horizon)),
        )
        .order_by(*by)
    )
