"""Refusing to delete content that people's records refer to.

Learning records (quiz attempts, enrolments, bookings and attendance, certificates, team uses
of briefings) point at their page, course or session with ``on_delete=PROTECT``, so the
database refuses such a delete. These helpers find those records before a delete is tried, so
the admin can explain the refusal and offer archiving instead of failing with a server error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.contrib.admin.utils import NestedObjects
from django.db import DEFAULT_DB_ALIAS, models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def protected_records(objects: Iterable[models.Model]) -> Counter:
    """What would stop ``objects`` being deleted: protected records counted by kind, such as
    ``{"attempts": 3}``. For pages pass every page the delete removes (descendants too)."""
    objects = list(objects)
    if not objects:
        return Counter()
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    collector.collect(objects)
    return protected_error_records(collector.protected)


def protected_error_records(protected: Iterable[models.Model]) -> Counter:
    """Count the protected objects of a ``ProtectedError`` (or a collector) by kind."""
    counts: Counter = Counter()
    for obj in protected:
        counts[str(obj._meta.verbose_name_plural)] += 1
    return counts


def pages_protected_records(pages: Iterable) -> Counter:
    """Protected records for deleting ``pages`` and everything beneath them."""
    from wagtail.models import Page

    q = models.Q(pk__in=[])
    for page in pages:
        q |= models.Q(path__startswith=page.path, depth__gte=page.depth)
    return protected_records(Page.objects.filter(q))


def _describe(counts: Counter) -> str:
    return ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))


def delete_refused_message(*, title: str, counts: Counter, hint: str) -> str:
    """The message staff see when deleting one thing is refused."""
    return _(
        "“%(title)s” cannot be deleted because records that must be kept refer to it "
        "(%(records)s). %(hint)s"
    ) % {"title": title, "records": _describe(counts), "hint": hint}


def bulk_delete_refused_message(*, titles: list[str], counts: Counter, hint: str) -> str:
    """The message staff see when a bulk delete is refused; nothing is deleted."""
    return ngettext(
        "Nothing was deleted. %(titles)s cannot be deleted because records that must be "
        "kept refer to it (%(records)s). %(hint)s",
        "Nothing was deleted. %(titles)s cannot be deleted because records that must be "
        "kept refer to them (%(records)s). %(hint)s",
        len(titles),
    ) % {
        "titles": ", ".join(f"“{t}”" for t in titles),
        "records": _describe(counts),
        "hint": hint,
    }


PAGE_ARCHIVE_HINT = _(
    "Unpublish it to take it off the site instead. A quiz or course can also be archived: "
    "tick ‘archived’ and publish, and learners keep their records but cannot start it again."
)
SNIPPET_ARCHIVE_HINT = _("Leave it in place, or change it instead of deleting it.")
SESSION_ARCHIVE_HINT = _(
    "Tick ‘archived’ on the session instead: it leaves the session lists and takes no new "
    "bookings, and its bookings and register are kept."
)


def title_of(obj) -> str:
    title = getattr(obj, "get_admin_display_title", None)
    return str(title() if callable(title) else obj)
