"""PDFs of published pages, made by a background task and served as stored files.

Making a PDF takes WeasyPrint most of a second of a worker's time, so a PDF anyone may ask
for (a library page, the blank toolkit form) is never made while a visitor waits:

- publishing a page queues ``page_pdf_build``, which renders the PDF and keeps it in the
  default storage under a name made of the page's id, a version and the site's address;
- the page's PDF view serves that file as it is (``stored_pdf``);
- a PDF not made yet (a page published before this existed, the worker still busy) is
  queued once and the visitor is told to try again shortly (503 with ``Retry-After``);
- unpublishing or deleting a page removes its files; a new publish changes the version, so
  an older version's file is never served again, and the task removes it once the new one is
  made.

The version is a hash of the page's live revision, its publish time, its address and
whatever else each kind of PDF says it depends on (``variant``: a library page's
"past its review date" warning). Links inside a PDF point at the address the file was made
for: the Site's address when made at publish time, or the address a visitor reached the site
by (its host is already checked against ``ALLOWED_HOSTS``), each kept as its own file.

Each app registers its kinds in its ``AppConfig.ready`` with ``register``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.signals import post_delete
from django.shortcuts import render
from django_tasks import task

from .exports import NO_STORE
from .pdf import page_base_url, render_pdf, request_base_url

logger = logging.getLogger(__name__)

# Change when the PDF templates change in a way that must replace every stored file.
LAYOUT = "1"
STORE_DIR = "page-pdfs"
# A missing PDF is queued at most once in this long (the task may wait for a worker).
QUEUED_SECONDS = 300
RETRY_AFTER_SECONDS = 30


@dataclass(frozen=True)
class PagePdf:
    """One kind of stored PDF: which pages have one and how it is made.

    ``document(page, base_url)`` returns the HTML and the title; ``variant(page)`` is any
    text, besides the page's revision, that changes when the PDF would change.
    """

    kind: str
    model: type
    document: Callable
    variant: Callable


def _no_variant(page) -> str:
    return ""


_KINDS: dict[str, PagePdf] = {}


def register(kind: str, *, model, document, variant=None) -> None:
    """Offer a stored PDF of every published, public page of ``model``."""
    from wagtail.models import Page  # noqa: PLC0415 (models are not ready at import time)
    from wagtail.signals import page_published, page_unpublished  # noqa: PLC0415

    if not kind.isidentifier():
        raise ValueError("A kind of PDF is named in letters, digits and underscores only.")
    _KINDS[kind] = PagePdf(kind, model, document, variant or _no_variant)
    page_published.connect(_published, dispatch_uid="core.page_pdfs.published")
    page_unpublished.connect(_unpublished, dispatch_uid="core.page_pdfs.unpublished")
    post_delete.connect(_deleted, sender=Page, dispatch_uid="core.page_pdfs.deleted")


def kinds_for(page) -> list[PagePdf]:
    return [spec for spec in _KINDS.values() if isinstance(page, spec.model)]


def version(page, kind: str) -> str:
    spec = _KINDS[kind]
    published = page.last_published_at.isoformat() if page.last_published_at else ""
    parts = [LAYOUT, kind, str(page.live_revision_id or ""), published, page.url_path]
    parts.append(str(spec.variant(page)))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def _directory(page_id: int) -> str:
    return f"{STORE_DIR}/{int(page_id)}"


def stored_name(page, kind: str, base_url: str) -> str:
    """Where the PDF of this version of ``page``, linking to ``base_url``, is kept."""
    site = hashlib.sha256(base_url.encode()).hexdigest()[:12]
    return f"{_directory(page.pk)}/{kind}-{version(page, kind)}-{site}.pdf"


def _read(name: str) -> bytes | None:
    try:
        if not default_storage.exists(name):
            return None
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    except (FileNotFoundError, OSError):
        return None


def _stored_files(page_id: int) -> list[str]:
    try:
        _dirs, files = default_storage.listdir(_directory(page_id))
    except (FileNotFoundError, NotADirectoryError, OSError):
        return []
    return [f"{_directory(page_id)}/{name}" for name in files]


def remove(page_id: int, *, keep: str = "", kind: str = "") -> int:
    """Delete the stored PDFs of a page (of one ``kind`` if given), except the version in
    ``keep``'s name. Returns how many files were deleted."""
    keep_version = keep.rsplit("/", 1)[-1].rsplit("-", 1)[0] if keep else ""
    removed = 0
    for name in _stored_files(page_id):
        filename = name.rsplit("/", 1)[-1]
        if kind and not filename.startswith(f"{kind}-"):
            continue
        if keep_version and filename.startswith(keep_version + "-"):
            continue
        default_storage.delete(name)
        removed += 1
    return removed


def _live_page(page_id: int, kind: str):
    from wagtail.models import Page  # noqa: PLC0415

    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return None
    page = page.specific
    spec = _KINDS.get(kind)
    if spec is None or not isinstance(page, spec.model):
        return None
    return page


@task()
def page_pdf_build(*, page_id: int, kind: str, base_url: str = "") -> str:
    """Make and keep the PDF of the published page ``page_id`` (linking to ``base_url``, or
    to the page's Site when empty). Safe to run twice: a file already made is kept as it is.
    Returns the stored name, or "" when the page is no longer published and public."""
    page = _live_page(page_id, kind)
    if page is None:
        return ""
    base_url = base_url or page_base_url(page)
    name = stored_name(page, kind, base_url)
    if not default_storage.exists(name):
        html, title = _KINDS[kind].document(page, base_url)
        pdf = render_pdf(html, base_url=base_url, title=title)
        saved = default_storage.save(name, ContentFile(pdf))
        if saved != name:
            # Another run made the same file in the meantime; keep theirs.
            default_storage.delete(saved)
    # The previous versions are never served again: free their space.
    remove(page_id, keep=name, kind=kind)
    return name


def _queue(page, kind: str, base_url: str, name: str) -> None:
    if cache.add(f"page-pdf-queued:{name}", True, QUEUED_SECONDS):
        page_pdf_build.enqueue(page_id=page.pk, kind=kind, base_url=base_url)


def stored_pdf(request, page, kind: str):
    """The stored PDF of the published ``page`` as bytes, or, when it is not made yet, the
    answer to give instead (503, try again shortly) once it has been queued.

    The caller has already checked that ``page`` is published and public. The PDF is never
    rendered here: with the immediate task backend (development and tests) queueing makes it
    at once, and it is then served.
    """
    base_url = request_base_url(request)
    name = stored_name(page, kind, base_url)
    pdf = _read(name)
    if pdf is None:
        _queue(page, kind, base_url, name)
        pdf = _read(name)
    if pdf is not None:
        return pdf
    response = render(request, "core/pdf_preparing.html", {"pdf_page": page})
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = NO_STORE
    return response


def build_missing(*, queue: bool = False) -> int:
    """Make (or with ``queue`` only queue) the Site-address PDF of every published page
    that has none. Returns how many were made or queued."""
    from wagtail.models import Page  # noqa: PLC0415

    count = 0
    for spec in _KINDS.values():
        for page in Page.objects.live().public().type(spec.model).specific():
            base_url = page_base_url(page)
            if default_storage.exists(stored_name(page, spec.kind, base_url)):
                continue
            if queue:
                page_pdf_build.enqueue(page_id=page.pk, kind=spec.kind)
            else:
                page_pdf_build.call(page_id=page.pk, kind=spec.kind)
            count += 1
    return count


def seed_demo() -> None:
    """The demo's PDFs, so the library's download links work at once."""
    build_missing()


# Signal receivers -------------------------------------------------------------------------


def _published(sender, instance, **kwargs) -> None:
    if not getattr(settings, "PAGE_PDFS_ON_PUBLISH", True):
        return
    for spec in kinds_for(instance):
        page_pdf_build.enqueue(page_id=instance.pk, kind=spec.kind)


def _unpublished(sender, instance, **kwargs) -> None:
    if kinds_for(instance):
        remove(instance.pk)


def _deleted(sender, instance, **kwargs) -> None:
    remove(instance.pk)
