"""Business rules for people, their profiles, their roles and their sign-in address.

Services refuse with ``AccountRefusal`` (a ``ValidationError`` whose message is meant for the
page) and leave stored data unchanged when they do.
"""

import datetime
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from allauth.usersessions.adapter import get_adapter as get_usersessions_adapter
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from elearning.core.emails import email_send
from elearning.core.refusals import Refusal

from .. import roles
from ..models import Agency, RoleChange, User


class AccountRefusal(Refusal):
    """Something the person asked for is not allowed; the message says why."""


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    agency: Agency,
    job_title: str,
) -> User:
    """Change a person's own profile details. Their line manager is named through
    ``managers.manager_name``, which needs the manager's confirmation."""
    user.first_name = first_name
    user.last_name = last_name
    user.agency = agency
    user.job_title = job_title
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name", "agency", "job_title"])
    return user


# --- Roles ---------------------------------------------------------------------------------


def partnership_groups():
    """The groups a partnership admin may give and take away (``roles.PARTNERSHIP_GROUPS``)."""
    return Group.objects.filter(name__in=roles.PARTNERSHIP_GROUPS).order_by("name")


def can_manage_people(user) -> bool:
    """Whether ``user`` may invite people, change their roles, deactivate and reactivate them
    and mark them as having left: active partnership admins (and superusers) only. What they
    may not do to themselves is refused by each service."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or roles.has_role(user, roles.Role.ADMIN))
    )


_can_manage_roles = can_manage_people


def can_mark_leaver(user: User) -> bool:
    """Whether ``user`` may mark people as having left: partnership admins only."""
    return can_manage_people(user)


def who(user: User) -> str:
    """A person's name for messages, or their address when they have no name."""
    return user.get_full_name() or user.email


_who = who


@transaction.atomic
def roles_change(
    *,
    by: User,
    user: User,
    groups: Iterable[Group],
    now: datetime.datetime | None = None,
    tell: bool = True,
) -> RoleChange | None:
    """Make ``user``'s partnership roles exactly ``groups``, on behalf of partnership admin ``by``.

    The only way roles change. Nobody changes their own roles, only partnership role groups
    can be given (other groups the person is in are left alone), every change is recorded as
    a ``RoleChange`` and the person is told by e-mail (``tell=False`` only when the caller
    tells them itself, as the invitation does). Returns ``None`` when nothing changes.
    """
    if by.pk == user.pk:
        raise AccountRefusal(
            _("You cannot change your own roles. Ask another partnership admin to do it.")
        )
    if not _can_manage_roles(by):
        raise AccountRefusal(_("Only partnership admins can change people's roles."))
    wanted = set(groups)
    outside = sorted(g.name for g in wanted if g.name not in roles.PARTNERSHIP_GROUPS)
    if outside:
        raise AccountRefusal(
            _("Only partnership roles can be given here, and %(groups)s is not one.")
            % {"groups": ", ".join(outside)}
        )
    # Lock the person so two admins changing the same roles at once are applied one by one.
    person = User.objects.select_for_update().get(pk=user.pk)
    current = set(person.groups.filter(name__in=roles.PARTNERSHIP_GROUPS))
    added = sorted(wanted - current, key=lambda g: g.name)
    removed = sorted(current - wanted, key=lambda g: g.name)
    if not added and not removed:
        return None
    person.groups.add(*added)
    person.groups.remove(*removed)
    for stale in (user, person):
        stale.__dict__.pop("_role_cache", None)

    change = RoleChange(
        user=person,
        user_email=person.email,
        changed_by=by,
        changed_by_email=by.email,
        changed_at=now or timezone.now(),
        added=[g.name for g in added],
        removed=[g.name for g in removed],
    )
    change.full_clean()
    change.save()
    if tell:
        _role_change_tell(change=change, person=person, by=by)
    return change


def _role_change_tell(*, change: RoleChange, person: User, by: User) -> None:
    when = date_format(timezone.localtime(change.changed_at), "j F Y, H:i")
    lines = [
        _("Hello %(name)s,") % {"name": person.first_name or person.email},
        "",
        _("%(admin)s changed your roles on %(site)s on %(when)s.")
        % {"admin": _who(by), "site": settings.SITE_NAME, "when": when},
        "",
    ]
    if change.added:
        lines.append(_("Added: %(groups)s") % {"groups": ", ".join(change.added)})
    if change.removed:
        lines.append(_("Removed: %(groups)s") % {"groups": ", ".join(change.removed)})
    current = sorted(
        person.groups.filter(name__in=roles.PARTNERSHIP_GROUPS).values_list("name", flat=True)
    )
    lines += [
        _("Your roles now: %(groups)s")
        % {"groups": ", ".join(current) if current else _("practitioner only")},
        "",
        _(
            "If you did not expect this change, tell your partnership's safeguarding team "
            "straight away."
        ),
    ]
    email_send(subject=_("Your roles have changed"), body="\n".join(lines), to=[person.email])


# --- Sign-in e-mail address ----------------------------------------------------------------


def _email_in_use(email: str, *, exclude: User) -> bool:
    return (
        User.objects.exclude(pk=exclude.pk).filter(email__iexact=email).exists()
        or EmailAddress.objects.exclude(user_id=exclude.pk)
        .filter(email__iexact=email, verified=True)
        .exists()
    )


def sessions_end(*, user: User) -> int:
    """Sign ``user`` out everywhere, through allauth's session list. Returns how many ended."""
    sessions = list(UserSession.objects.filter(user_id=user.pk))
    get_usersessions_adapter().end_sessions(sessions)
    return len(sessions)


@transaction.atomic
def email_change_request(
    *, by: User, user: User, email: str, request: HttpRequest
) -> EmailAddress | None:
    """Start changing the address ``user`` signs in with to ``email``, asked for by ``by``.

    Nothing changes at once: the new address is stored unverified and sent a verification
    link, and only when it is confirmed (by the person, signed in, see
    ``adapters.AccountAdapter.confirm_email``) does it replace the old one. The old address is
    told, and when someone else asked for the change the person is signed out everywhere.
    Returns the pending address, or ``None`` when ``email`` is the current address.
    """
    email = email.strip().lower()
    current = user.email
    if email == current.lower():
        return None
    if by.pk != user.pk and not _can_manage_roles(by):
        raise AccountRefusal(_("Only partnership admins can change someone's e-mail address."))
    if _email_in_use(email, exclude=user):
        raise AccountRefusal(_("Another account already uses that e-mail address."))

    # One pending change at a time: an earlier request that was never confirmed is dropped.
    EmailAddress.objects.filter(user_id=user.pk, primary=False).exclude(
        email__iexact=current
    ).delete()
    address = EmailAddress(user=user, email=email, verified=False, primary=False)
    address.full_clean()
    address.save()
    address.send_confirmation(request)

    asked_by_someone_else = by.pk != user.pk
    lines = [
        _("Hello %(name)s,") % {"name": user.first_name or current},
        "",
    ]
    if asked_by_someone_else:
        lines.append(
            _(
                "%(admin)s asked to change the e-mail address you sign in to %(site)s with, "
                "from %(old)s to %(new)s."
            )
            % {"admin": _who(by), "site": settings.SITE_NAME, "old": current, "new": email}
        )
    else:
        lines.append(
            _("You asked to change the e-mail address you sign in to %(site)s with to %(new)s.")
            % {"site": settings.SITE_NAME, "new": email}
        )
    lines += [
        "",
        _(
            "Nothing changes until the new address is confirmed. A link has been sent to it, "
            "and it only takes effect when it is opened by you, signed in to your account."
        ),
    ]
    if asked_by_someone_else:
        lines += [
            "",
            _("To keep your account safe you have been signed out on every device."),
        ]
    lines += [
        "",
        _(
            "If you did not expect this, do not open the link and tell your partnership's "
            "safeguarding team straight away."
        ),
    ]
    email_send(
        subject=_("A change to the e-mail address you sign in with"),
        body="\n".join(lines),
        to=[current],
    )
    if asked_by_someone_else:
        sessions_end(user=user)
    return address


def email_change_pending(user: User) -> str | None:
    """The address ``user`` is waiting to change to, if any."""
    address = (
        EmailAddress.objects.filter(user_id=user.pk, verified=False, primary=False)
        .exclude(email__iexact=user.email)
        .order_by("-pk")
        .first()
    )
    return address.email if address else None


# Leavers, and the People area's invitations, deactivation and reactivation (kept apart for
# size).
from .leavers import (  # noqa: E402
    anonymised_email,
    leaver_anonymise,
    leavers_past_retention,
    person_leave,
)
from .managers import (  # noqa: E402
    approval_refusal,
    manager_confirmation_asked,
    manager_link_decide,
    manager_link_end,
    manager_links_close,
    manager_name,
)
from .people import (  # noqa: E402
    invitation_accept,
    person_deactivate,
    person_invite,
    person_reactivate,
)

__all__ = [
    "AccountRefusal",
    "approval_refusal",
    "manager_confirmation_asked",
    "manager_link_decide",
    "manager_link_end",
    "manager_links_close",
    "manager_name",
    "anonymised_email",
    "can_manage_people",
    "can_mark_leaver",
    "email_change_pending",
    "email_change_request",
    "invitation_accept",
    "leaver_anonymise",
    "leavers_past_retention",
    "partnership_groups",
    "person_deactivate",
    "person_invite",
    "person_leave",
    "person_reactivate",
    "profile_update",
    "roles_change",
    "sessions_end",
    "who",
]
