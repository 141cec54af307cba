"""The People area's rules: inviting someone, and deactivating and reactivating an account.

Partnership admins only (``can_manage_people``), and never on their own account: whoever can
open or close an account decides who gets in, so each change is refused for oneself, logged
in Wagtail's audit log (roles in ``RoleChange``) and leaves stored data unchanged when refused.
"""

import datetime
import logging
from collections.abc import Iterable

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log

from elearning.core.emails import email_send

from .. import roles
from ..models import Agency, User
from . import AccountRefusal, can_manage_people, roles_change, sessions_end, who
from .managers import manager_links_close

logger = logging.getLogger("elearning.accounts.services")

DEACTIVATE_ACTION = "accounts.deactivate"
REACTIVATE_ACTION = "accounts.reactivate"


def _absolute(path: str, request: HttpRequest | None) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def email_taken(email: str) -> bool:
    """Whether any account already signs in with, or has confirmed, ``email``."""
    return (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True).exists()
    )


ALREADY_HAS_ACCOUNT = gettext_lazy(
    "There is already an account for %(email)s. Find them in the list of people: you can "
    "change their roles there, or reactivate the account if it has been deactivated."
)


@transaction.atomic
def person_invite(
    *,
    by: User,
    email: str,
    first_name: str,
    last_name: str,
    agency: Agency,
    job_title: str,
    groups: Iterable[Group] = (),
    request: HttpRequest | None = None,
    now: datetime.datetime | None = None,
) -> User:
    """Partnership admin ``by`` makes an account for someone and e-mails them a way in.

    The account has no usable password: the e-mail holds a password-reset link (allauth's own
    reset-from-key flow) where the person chooses one, which also confirms the address. Roles
    go through ``roles_change`` so they are recorded like any other change, and the invitation
    says what they are instead of a second e-mail.
    """
    if not can_manage_people(by):
        raise AccountRefusal(_("Only partnership admins can invite people."))
    email = User.objects.normalize_email(email.strip()).lower()
    if email_taken(email):
        raise AccountRefusal(str(ALREADY_HAS_ACCOUNT) % {"email": email})
    person = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        agency=agency,
        job_title=job_title.strip(),
        is_active=True,
    )
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    address = EmailAddress(user=person, email=email, primary=True, verified=False)
    address.full_clean()
    address.save()
    groups = list(groups)
    if groups:
        roles_change(by=by, user=person, groups=groups, now=now, tell=False)
    _invitation_send(person=person, by=by, groups=groups, request=request)
    logger.info("Person %s invited by %s.", person.pk, by.pk)
    return person


def invitation_link(person: User, request: HttpRequest | None = None) -> str:
    """allauth's password-reset-from-key address for ``person``: good until they set a
    password (the token is made from the password hash) or the reset timeout passes."""
    key = default_token_generator.make_token(person)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(person), "key": key},
    )
    return _absolute(path, request)


def _invitation_send(
    *, person: User, by: User, groups: list[Group], request: HttpRequest | None
) -> None:
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    names = sorted(g.name for g in groups)
    needs_mfa = bool(set(names) & {g for r in roles.MFA_ROLES for g in roles.ROLE_GROUPS[r]})
    lines = [
        _("Hello %(name)s,") % {"name": person.first_name or person.email},
        "",
        _("%(admin)s has set up an account for you on %(site)s.")
        % {"admin": who(by), "site": settings.SITE_NAME},
        "",
        _("Your roles: %(roles)s")
        % {"roles": ", ".join(names) if names else _("practitioner (everyone has this role)")},
        "",
        _("To get in:"),
        "",
        _("1. Open this link and choose a password:"),
        invitation_link(person, request),
        "",
        _("2. Sign in with this e-mail address (%(email)s) and the password you chose.")
        % {"email": person.email},
    ]
    if needs_mfa:
        lines += [
            "",
            _(
                "3. Your role lets you see confidential records or publish content, so you will "
                "then be asked to set up an authenticator app on your phone. Keep the phone to "
                "hand."
            ),
        ]
    lines += [
        "",
        ngettext(
            "The link works once, for %(days)d day.",
            "The link works once, for %(days)d days.",
            days,
        )
        % {"days": days},
        _("If it has run out, go to %(url)s and enter this e-mail address to be sent a new one.")
        % {"url": _absolute(reverse("account_reset_password"), request)},
        "",
        _(
            "If you were not expecting this e-mail, do not open the link and tell your "
            "partnership's safeguarding team."
        ),
    ]
    email_send(
        subject=_("Your account on %(site)s") % {"site": settings.SITE_NAME},
        body="\n".join(lines),
        to=[person.email],
    )


@transaction.atomic
def invitation_accept(*, user: User) -> bool:
    """Confirm an invited person's address once they have set a password from the link.

    Only for someone with no confirmed address yet: the reset link can then only have gone to
    the address they sign in with (``allauth_forms.ResetPasswordForm`` sends no links to
    unconfirmed addresses of people who have one), so opening it proves the mailbox is theirs.
    Returns whether an address was confirmed.
    """
    if EmailAddress.objects.filter(user_id=user.pk, verified=True).exists():
        return False
    address = EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress(user=user, email=user.email, primary=True)
    address.verified = True
    address.primary = True
    address.full_clean()
    address.save()
    return True


def _refuse_unless_allowed(*, by: User, user: User, own: str, others: str) -> None:
    if by.pk == user.pk:
        raise AccountRefusal(own)
    if not can_manage_people(by):
        raise AccountRefusal(others)


@transaction.atomic
def person_deactivate(*, by: User, user: User) -> User:
    """Close ``user``'s account for now: no sign-ins, every session ended. Nothing they did is
    touched, and ``person_reactivate`` opens it again. Nobody deactivates themselves."""
    _refuse_unless_allowed(
        by=by,
        user=user,
        own=_("You cannot deactivate your own account. Ask another partnership admin."),
        others=_("Only partnership admins can deactivate accounts."),
    )
    person = User.objects.select_for_update().get(pk=user.pk)
    if not person.is_active:
        raise AccountRefusal(
            _("%(name)s's account is already deactivated.") % {"name": who(person)}
        )
    person.is_active = False
    person.save(update_fields=["is_active"])
    ended = sessions_end(user=person)
    manager_links_close(user=person)
    log(instance=person, action=DEACTIVATE_ACTION, user=by)
    logger.info("Person %s deactivated by %s: %d session(s) ended.", person.pk, by.pk, ended)
    user.is_active = False
    return person


@transaction.atomic
def person_reactivate(*, by: User, user: User) -> User:
    """Open a deactivated account again. People marked as having left stay closed: their
    account is due to be anonymised, so someone who comes back is invited again."""
    _refuse_unless_allowed(
        by=by,
        user=user,
        own=_("You cannot reactivate your own account. Ask another partnership admin."),
        others=_("Only partnership admins can reactivate accounts."),
    )
    person = User.objects.select_for_update().get(pk=user.pk)
    if person.left_on is not None:
        raise AccountRefusal(
            _(
                "%(name)s was marked as having left on %(date)s, so their account stays closed. "
                "If they have come back, invite them again with their new details."
            )
            % {"name": who(person), "date": date_format(person.left_on, "j F Y")}
        )
    if person.is_active:
        raise AccountRefusal(_("%(name)s's account is already active.") % {"name": who(person)})
    person.is_active = True
    person.save(update_fields=["is_active"])
    log(instance=person, action=REACTIVATE_ACTION, user=by)
    logger.info("Person %s reactivated by %s.", person.pk, by.pk)
    user.is_active = True
    return person


def people_status(person: User, *, today: datetime.date | None = None) -> str:
    """The state of a person's account in words for the People list."""
    if person.left_on is not None:
        return _("Left on %(date)s") % {"date": date_format(person.left_on, "j F Y")}
    if not person.is_active:
        return _("Deactivated")
    if person.last_login is None and not person.has_usable_password():
        return _("Invited")
    return _("Active")


__all__ = [
    "email_taken",
    "invitation_accept",
    "invitation_link",
    "people_status",
    "person_deactivate",
    "person_invite",
    "person_reactivate",
]
