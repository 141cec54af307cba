"""Personal PDFs (certificates, learning records, CPD evidence, supervision records, toolkit
assessments): made at most once per version, and no more than a few a minute per person.

The view checks the person may have the PDF and renders its HTML (quick) on every request;
``personal_pdf`` then looks for the PDF of exactly that HTML, made for that person, in the
shared cache. The key is a keyed hash (``salted_hmac``) of the person's id, the kind of PDF,
its title, the site address and the whole HTML, so anything that changes the document
changes the key, and one person's PDF is never found for another, even when the two
documents would read the same. What is kept is encrypted with the site's encryption keys,
since a supervision record is confidential wherever it is kept.

Only making a PDF counts against ``PDF_RENDER_RATE_LIMIT`` (allauth's rate-limit format, per
person, the same mechanism as the certificate check): over it, the person is told to wait
(429) and nothing is made or recorded.
"""

from __future__ import annotations

import base64
import logging

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from . import crypto, ratelimit
from .exports import NO_STORE
from .pdf import render_pdf, request_base_url

logger = logging.getLogger(__name__)

RATE_ACTION = "pdf_render"
RETRY_AFTER_SECONDS = 60
# A PDF larger than this is made each time rather than kept.
MAX_CACHED_BYTES = 5 * 1024 * 1024


def cache_key(*, user_id: int, kind: str, html: str, title: str, base_url: str) -> str:
    digest = salted_hmac(
        "elearning.core.pdf_cache",
        "\x1f".join([str(user_id), kind, str(title), base_url, html]),
        algorithm="sha256",
    ).hexdigest()
    return f"personal-pdf:{kind}:{user_id}:{digest}"


def _seal(pdf: bytes) -> str:
    return crypto.encrypt(base64.b64encode(pdf).decode("ascii"))


def _unseal(sealed: str) -> bytes | None:
    try:
        return base64.b64decode(crypto.decrypt(sealed))
    except (InvalidToken, ValueError, TypeError):
        return None


def render_allowed(request) -> bool:
    return ratelimit.hit(
        request, app="core", action=RATE_ACTION, rate=settings.PDF_RENDER_RATE_LIMIT
    )


def too_many(request):
    """The answer when a person has had too many PDFs made in a short time."""
    response = render(request, "core/pdf_too_many.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = NO_STORE
    return response


def personal_pdf(request, *, kind: str, html: str, title: str):
    """The PDF of ``html`` for the signed-in person, from the cache when this exact document
    was made for them before; otherwise made now, if their rate limit allows, or the 429
    answer to send instead. Call it only after the permission check."""
    base_url = request_base_url(request)
    key = cache_key(user_id=request.user.pk, kind=kind, html=html, title=title, base_url=base_url)
    sealed = cache.get(key)
    if sealed is not None:
        pdf = _unseal(sealed)
        if pdf is not None:
            return pdf
    if not render_allowed(request):
        return too_many(request)
    pdf = render_pdf(html, base_url=base_url, title=title)
    if len(pdf) <= MAX_CACHED_BYTES:
        cache.set(key, _seal(pdf), settings.PDF_CACHE_SECONDS)
    return pdf
