"""Reads shared by library pages, views and reports."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Q, Sum

from .models import (
    LIBRARY_TYPES,
    AgeGroup,
    AudienceSector,
    LibraryPage,
    NeglectType,
    Theme,
)

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


def related_pages(*, page: LibraryPage, limit: int = RELATED_LIMIT) -> list[LibraryPage]:
    """Other readable pages sharing the most themes with ``page``."""
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


def _type_content_types() -> dict[str, int]:
    return {
        key: ContentType.objects.get_for_model(model).id for key, model in LIBRARY_TYPES.items()
    }


def _selected(params, name: str, allowed: set[str]) -> list[str]:
    values = params.getlist(name)[:MAX_VALUES_PER_FILTER]
    return [value for value in dict.fromkeys(values) if value in allowed]


def library_listing(*, index_page, params, request=None) -> dict:
    """Filtered, counted and paged pages under ``index_page``.

    Values within one filter widen the results (any of them); different filters narrow them.
    Values that do not exist are ignored so old bookmarks and tampered URLs still work.
    Counts per option are what the results would be with that option added to the others.
    """
    type_ids = _type_content_types()
    terms = {
        "theme": (list(Theme.objects.all()), "themes__slug", "themes"),
        "neglect": (list(NeglectType.objects.all()), "neglect_types__slug", "neglect_types"),
        "age": (list(AgeGroup.objects.all()), "age_groups__slug", "age_groups"),
        "sector": (
            list(AudienceSector.objects.all()),
            "audience_sectors__code",
            "audience_sectors",
        ),
    }
    selected = {"type": _selected(params, "type", set(type_ids))}
    for name, (options, _lookup, _rel) in terms.items():
        selected[name] = _selected(params, name, {option.slug for option in options})

    base = LibraryPage.objects.listable().descendant_of(index_page)

    def conditions(skip: str | None = None) -> Q:
        q = Q()
        if selected["type"] and skip != "type":
            q &= Q(content_type_id__in=[type_ids[value] for value in selected["type"]])
        for name, (_options, lookup, _rel) in terms.items():
            if selected[name] and name != skip:
                # A subquery per filter keeps joins from multiplying rows.
                ids = LibraryPage.objects.filter(**{f"{lookup}__in": selected[name]}).values("pk")
                q &= Q(pk__in=ids)
        return q

    facets = []
    type_counts = dict(
        base.filter(conditions("type"))
        .values_list("content_type_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    facets.append(
        Facet(
            "type",
            "Type",
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
    )
    labels = {
        "theme": "Theme",
        "neglect": "Type of neglect",
        "age": "Age group",
        "sector": "Sector",
    }
    for name, (options, _lookup, rel) in terms.items():
        counts = dict(
            base.filter(conditions(name))
            .values_list(f"{rel}__id")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        facets.append(
            Facet(
                name,
                labels[name],
                [
                    FilterOption(
                        option.slug,
                        option.name,
                        counts.get(option.id, 0),
                        option.slug in selected[name],
                    )
                    for option in options
                ],
            )
        )

    results = (
        base.filter(conditions())
        .select_related("content_type")
        .prefetch_related("themes")
        .order_by("title", "pk")
    )
    paginator = Paginator(results, LIBRARY_PAGE_SIZE)
    try:
        page_obj = paginator.page(params.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        page_obj = paginator.page(1)
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
