"""Site search: which pages it lists, what each result is called, and how a query is read.

- Pages that only list other pages (the home page, the library, the course list) are left
  out: their own text is a sentence of introduction, and a result pointing at one sends people
  to a list rather than an answer. The quiz list is a view, not a page, so it is never indexed.
- Every result is labelled with its kind of page ("One-minute guide", "Scenario quiz",
  "Course"): the page model's ``search_type_label`` if it has one, else its verbose name.
- A query that is the name of a kind of page ("quiz", "quizzes", "courses", "7-minute
  briefings") lists every page of that kind, because people search for what a thing is as
  often as for what it says.
- Only the words of a query are searched, so quote marks and other punctuation, which the
  database's full-text syntax would read as operators, can never make the search fail.
"""

from __future__ import annotations

import re
from functools import cache

from django.apps import apps
from django.utils.text import capfirst
from wagtail.models import Page, get_page_models

# App label and model name, as in ``parent_page_types``, so this module needs no imports
# from the apps whose pages it leaves out.
LISTING_PAGE_TYPES = (
    "library.HomePage",
    "library.LibraryIndexPage",
    "courses.CourseIndexPage",
)

WORD = re.compile(r"\w+")


def listing_page_models() -> list[type[Page]]:
    return [apps.get_model(label) for label in LISTING_PAGE_TYPES]


def searched_page_models() -> list[type[Page]]:
    """Page types whose pages search may list: everything editors create except listings."""
    listings = set(listing_page_models())
    return [
        model
        for model in get_page_models()
        if model is not Page and model.is_creatable and model not in listings
    ]


def type_label(model: type[Page]) -> str:
    label = getattr(model, "search_type_label", None) or model._meta.verbose_name
    return capfirst(str(label))


def search_words(query: str) -> str:
    """The query's words alone, joined by spaces ('' when it has none)."""
    return " ".join(WORD.findall(query))


def _normalise(text: str) -> str:
    return search_words(str(text).lower())


def _type_names() -> dict[str, tuple[type[Page], ...]]:
    """Each name a kind of page goes by, with the page types it names.

    A kind goes by its verbose name and plural ("scenario quiz", "scenario quizzes") and by
    the last word of each ("quiz", "quizzes"), which may name more than one kind ("briefing":
    7-minute and case-review briefings).
    """
    names: dict[str, list[type[Page]]] = {}
    for model in searched_page_models():
        labels = {
            model._meta.verbose_name,
            model._meta.verbose_name_plural,
            getattr(model, "search_type_label", None) or "",
        }
        for label in labels:
            words = _normalise(label).split()
            if not words:
                continue
            for name in {" ".join(words), words[-1]}:
                names.setdefault(name, [])
                if model not in names[name]:
                    names[name].append(model)
    return {name: tuple(models) for name, models in names.items()}


# Page models and their names are fixed once Django has started.
_cached_type_names = cache(_type_names)


def models_named_by(query: str) -> tuple[type[Page], ...]:
    """The page types ``query`` is the name of, or () when it is not a name of a kind."""
    return _cached_type_names().get(_normalise(query), ())


def search_pages(query: str):
    """Published, public pages matching ``query``, most relevant first, as specific pages.

    Returns a queryset or search results; both can be paginated.
    """
    pages = Page.objects.live().public()
    named = models_named_by(query)
    if named:
        return pages.type(*named).specific().order_by("title", "pk")
    words = search_words(query)
    if not words:
        return Page.objects.none()
    return pages.not_type(*listing_page_models()).specific().search(words)


def label_results(results) -> list[Page]:
    """The results as a list, each with ``result_type`` set to its label for the template."""
    labelled = list(results)
    for page in labelled:
        page.result_type = type_label(type(page))
    return labelled
