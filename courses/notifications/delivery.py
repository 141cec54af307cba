"""Sending one kind of training e-mail to one person: their preferences, the wording staff
saved, and the copy for their line manager."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from elearning.core.emails import email_send

from ..models import TrainingSettings
from ..models.notifications import EmailPreferences
from ..people import manager_of
from .catalogue import KINDS, MANAGER_COPIES
from .render import render


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def turned_off(user) -> set[str]:
    """The optional e-mails ``user`` has turned off (kinds, and ``MANAGER_COPIES``)."""
    stored = EmailPreferences.objects.filter(user=user).values_list("turned_off", flat=True)
    return set(stored.first() or [])


def wants(user, kind: str) -> bool:
    """Essential e-mails always go; an optional one unless the person turned it off."""
    if kind != MANAGER_COPIES and KINDS[kind].essential:
        return True
    return kind not in turned_off(user)


def person(user) -> dict[str, str]:
    return {
        "first_name": user.first_name or user.email,
        "full_name": user.get_full_name() or user.email,
    }


def _copies_on() -> bool:
    return TrainingSettings.load().copy_managers


def deliver(
    *,
    kind: str,
    to,
    values: dict[str, str],
    attachments: list[dict] | None = None,
    copy_values: dict[str, str] | None = None,
    key: str = "",
) -> bool:
    """Send a ``kind`` e-mail to the user ``to``; returns False if they turned it off.

    When the kind is copied to managers and the partnership's training settings say so, the
    learner's confirmed line manager gets a copy (without attachments, and filled with
    ``copy_values`` where given, so a copy never carries what only the learner may see)."""
    if not wants(to, kind):
        return False
    subject, body = render(kind, values)
    # ``key`` makes a second queueing of the same e-mail a copy that is not sent.
    email_send(subject=subject, body=body, to=[to.email], attachments=attachments, key=key)
    if KINDS[kind].copy_manager:
        _copy_to_manager(kind=kind, learner=to, values={**values, **(copy_values or {})})
    return True


def _copy_to_manager(*, kind: str, learner, values: dict[str, str]) -> None:
    manager = manager_of(learner)
    if manager is None or manager.pk == learner.pk or not manager.email:
        return
    if manager.email.lower() == learner.email.lower() or not _copies_on():
        return
    if not wants(manager, MANAGER_COPIES):
        return
    subject, body = render(kind, values)
    note = _(
        "You are getting this copy because you are %(name)s's line manager. You can stop "
        "these copies on your e-mail preferences page: %(url)s"
    ) % {
        "name": learner.get_full_name() or learner.email,
        "url": absolute_url(reverse("courses:email_preferences")),
    }
    email_send(
        subject=_("Copy: %(subject)s") % {"subject": subject},
        body=f"{note}\n\n{body}",
        to=[manager.email],
    )
