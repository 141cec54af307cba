"""Line managers: a learner names one, the named person confirms or declines, either of them
can end it, and closing either account ends it.

A relationship counts only once the named manager has confirmed it (see
``selectors.confirmed_manager``), because the manager approves training bookings and sees the
learner's training record: nobody can give that to themselves by typing an address.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core.emails import email_send

from ..models import ManagerLink, ManagerLinkEnd, User
from ..selectors import has_team_forget
from . import AccountRefusal, who


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def manager_confirmation_asked(*, manager: User, learner: User, confirm_url: str) -> None:
    """Ask ``manager`` to confirm that they manage ``learner``, in the wording partnership
    staff keep with the other training e-mails (Training e-mails in the admin)."""
    from courses import notifications  # noqa: PLC0415  (the training app's e-mail templates)

    notifications.manager_confirmation_asked(
        manager=manager, learner=learner, confirm_url=confirm_url
    )


def _answer_tell(*, link: ManagerLink) -> None:
    learner, manager = link.learner, link.manager
    if link.confirmed_at:
        opening = _("%(manager)s has confirmed that they are your line manager.")
    else:
        opening = _(
            "%(manager)s has said they are not your line manager, so they are not recorded as "
            "one. Check the address and name your line manager again on your profile."
        )
    lines = [
        _("Hello %(name)s,") % {"name": learner.first_name or learner.email},
        "",
        opening % {"manager": who(manager)},
        "",
        _("Your profile: %(url)s") % {"url": _absolute(reverse("accounts:profile"))},
    ]
    email_send(subject=_("Your line manager"), body="\n".join(lines), to=[learner.email])


def _end(link: ManagerLink, *, by: User | None, reason: str, now: datetime.datetime) -> None:
    link.ended_at = max(now, link.requested_at)
    link.ended_by = by
    link.end_reason = reason
    link.full_clean()
    link.save(update_fields=["ended_at", "ended_by", "end_reason"])
    has_team_forget(link.manager)


def _locked_open_link(learner: User) -> ManagerLink | None:
    return (
        ManagerLink.objects.select_for_update()
        .open()
        .filter(learner=learner)
        .select_related("manager")
        .first()
    )


@transaction.atomic
def manager_name(
    *, learner: User, manager: User | None, now: datetime.datetime | None = None
) -> ManagerLink | None:
    """``learner`` names ``manager`` as their line manager (or, with None, nobody).

    Naming the person already named changes nothing. Naming someone else ends the open
    relationship at once (the old manager stops counting) and asks the new one to confirm by
    e-mail; until they do, the learner has no manager who counts. Returns the open
    relationship afterwards, if any.
    """
    now = now or timezone.now()
    # Lock the learner so two saves of the profile at once cannot open two relationships.
    User.objects.select_for_update().filter(pk=learner.pk).first()
    current = _locked_open_link(learner)
    if manager is not None and current is not None and current.manager_id == manager.pk:
        return current
    if manager is not None:
        if manager.pk == learner.pk:
            raise AccountRefusal(_("You cannot be your own line manager."))
        if not manager.is_active:
            raise AccountRefusal(
                _("That account is closed. Check the address with your line manager.")
            )
    if current is not None:
        reason = ManagerLinkEnd.REPLACED if manager is not None else ManagerLinkEnd.WITHDRAWN
        _end(current, by=learner, reason=reason, now=now)
    if manager is None:
        return None
    link = ManagerLink(learner=learner, manager=manager, requested_at=now)
    link.full_clean()
    link.save()
    has_team_forget(manager)
    confirm_url = _absolute(reverse("accounts:manager_request", args=[link.pk]))
    manager_confirmation_asked(manager=manager, learner=learner, confirm_url=confirm_url)
    return link


@transaction.atomic
def manager_link_decide(
    *,
    link: ManagerLink,
    manager: User,
    confirm: bool,
    now: datetime.datetime | None = None,
) -> ManagerLink:
    """The named ``manager`` confirms (or declines) that they manage the learner.

    Only the person named may answer, only while the request is open and unanswered, and the
    time recorded is now: nothing the caller sends can backdate it.
    """
    now = now or timezone.now()
    locked = (
        ManagerLink.objects.select_for_update()
        .select_related("learner", "manager")
        .filter(pk=link.pk)
        .first()
    )
    if locked is None or locked.manager_id != manager.pk:
        raise AccountRefusal(_("Only the person named as line manager can answer this request."))
    if not manager.is_active or not locked.learner.is_active:
        raise AccountRefusal(_("This request is closed because one of the accounts is closed."))
    if locked.ended_at is not None:
        raise AccountRefusal(
            _("%(name)s no longer names you as their line manager, so there is nothing to answer.")
            % {"name": who(locked.learner)}
        )
    if locked.confirmed_at is not None:
        raise AccountRefusal(
            _("You have already confirmed that you are %(name)s's line manager.")
            % {"name": who(locked.learner)}
        )
    if locked.declined_at is not None:
        raise AccountRefusal(
            _("You have already declined this request from %(name)s.")
            % {"name": who(locked.learner)}
        )
    if confirm:
        locked.confirmed_at = max(now, locked.requested_at)
    else:
        locked.declined_at = max(now, locked.requested_at)
    locked.full_clean()
    locked.save(update_fields=["confirmed_at", "declined_at"])
    has_team_forget(locked.manager)
    _answer_tell(link=locked)
    link.confirmed_at, link.declined_at = locked.confirmed_at, locked.declined_at
    return locked


@transaction.atomic
def manager_link_end(
    *, link: ManagerLink, by: User, now: datetime.datetime | None = None
) -> ManagerLink:
    """The learner or the manager ends their relationship (or the learner withdraws a request
    not yet answered). Nobody else can."""
    now = now or timezone.now()
    locked = ManagerLink.objects.select_for_update().select_related("manager").get(pk=link.pk)
    if by.pk not in (locked.learner_id, locked.manager_id):
        raise AccountRefusal(_("Only the learner or their line manager can end this."))
    if not locked.is_open:
        raise AccountRefusal(_("This has already ended."))
    reason = (
        ManagerLinkEnd.WITHDRAWN if by.pk == locked.learner_id else ManagerLinkEnd.MANAGER_ENDED
    )
    _end(locked, by=by, reason=reason, now=now)
    link.ended_at = locked.ended_at
    return locked


def manager_links_close(*, user: User, now: datetime.datetime | None = None) -> int:
    """End every open relationship ``user`` is in, either side, because their account is
    closing (deactivated or left). Returns how many ended. Called inside the caller's
    transaction."""
    now = now or timezone.now()
    links = list(
        ManagerLink.objects.select_for_update()
        .open()
        .filter(Q(learner=user) | Q(manager=user))
        .select_related("manager")
    )
    for link in links:
        _end(link, by=None, reason=ManagerLinkEnd.ACCOUNT_CLOSED, now=now)
    has_team_forget(user)
    return len(links)


def approval_refusal(approver: User, learner: User) -> str:
    """Why ``approver`` may not approve ``learner``'s bookings, in words for them."""
    link = ManagerLink.objects.filter(learner=learner, manager=approver).first()
    if link is not None and link.is_open and link.confirmed_at is None:
        return _(
            "You can approve %(name)s's bookings once you have confirmed that you are their line "
            "manager. Nothing has been changed."
        ) % {"name": who(learner)}
    if link is not None:
        return _(
            "You are no longer %(name)s's confirmed line manager, so you cannot approve their "
            "bookings. Nothing has been changed."
        ) % {"name": who(learner)}
    return _("You cannot approve bookings for this person.")
