"""Leavers: closing the account of someone who has left, keeping their records, and
anonymising them once the retention period has passed."""

import datetime
import logging

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import RoleChange, User
from . import AccountRefusal, can_mark_leaver, sessions_end, who
from .managers import manager_links_close

logger = logging.getLogger(__name__)


@transaction.atomic
def person_leave(
    *,
    by: User,
    user: User,
    left_on: datetime.date,
    now: datetime.datetime | None = None,
) -> User:
    """Partnership admin ``by`` records that ``user`` has left.

    The account is closed (no more sign-ins, every session ended) and their future bookings
    are cancelled through the courses booking service, so the first person waiting gets the
    place. Everything they did (enrolments, certificates, attendance, quiz attempts,
    supervision) is kept, with the agency they were with at the time. Nobody marks themselves.
    """
    from courses.models import Booking  # noqa: PLC0415 (courses builds on accounts)
    from courses.services import booking_cancel  # noqa: PLC0415

    now = now or timezone.now()
    if by.pk == user.pk:
        raise AccountRefusal(
            _("You cannot mark yourself as having left. Ask another partnership admin.")
        )
    if not can_mark_leaver(by):
        raise AccountRefusal(_("Only partnership admins can mark someone as having left."))
    person = User.objects.select_for_update().get(pk=user.pk)
    if person.left_on is not None:
        raise AccountRefusal(
            _("%(name)s was already marked as having left on %(date)s.")
            % {"name": who(person), "date": date_format(person.left_on, "j F Y")}
        )
    if left_on > timezone.localdate(now):
        raise AccountRefusal(_("The date they left cannot be in the future."))
    person.left_on = left_on
    person.is_active = False
    person.full_clean(exclude=["password"])
    person.save(update_fields=["left_on", "is_active"])
    future = Booking.objects.active().filter(user=person, session__starts_at__gt=now)
    cancelled = 0
    for booking in future.order_by("session__starts_at"):
        booking_cancel(booking=booking, user=person, now=now, leaving=True)
        cancelled += 1
    ended = sessions_end(user=person)
    manager_links_close(user=person, now=now)
    logger.info(
        "Person %s marked as having left on %s by %s: %d future booking(s) cancelled, "
        "%d session(s) ended.",
        person.pk,
        left_on.isoformat(),
        by.pk,
        cancelled,
        ended,
    )
    user.left_on, user.is_active = person.left_on, person.is_active
    return person


def anonymised_email(user: User) -> str:
    """A unique address that reaches nobody (``.invalid`` is reserved for this)."""
    return f"left-{user.pk}@anonymised.invalid"


def leavers_past_retention(*, today: datetime.date | None = None, years: int | None = None):
    """People who left more than ``LEAVER_RETENTION_YEARS`` ago and are not yet anonymised."""
    today = today or timezone.localdate()
    years = settings.LEAVER_RETENTION_YEARS if years is None else years
    try:
        cut_off = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cut_off = today.replace(year=today.year - years, day=28)
    return User.objects.filter(
        left_on__isnull=False, left_on__lt=cut_off, anonymised_at__isnull=True
    ).order_by("left_on", "pk")


@transaction.atomic
def leaver_anonymise(*, user: User, now: datetime.datetime | None = None) -> User:
    """Remove what identifies a person who left long ago, keeping their learning records.

    Name, e-mail address (a unique placeholder), job title and line manager are cleared,
    allauth's e-mail addresses, sessions and authenticators removed, and the name copied onto
    their certificates replaced. Enrolments, certificates (codes, dates), bookings, attempts
    and the agency each was recorded under stay, so the partnership's figures do not change.
    Supervision records are left to supervision's own retention command.
    """
    from allauth.mfa.models import Authenticator  # noqa: PLC0415

    from courses.models import Certificate  # noqa: PLC0415 (courses builds on accounts)

    now = now or timezone.now()
    person = User.objects.select_for_update().get(pk=user.pk)
    if person.left_on is None:
        raise AccountRefusal(_("Only people who have left can be anonymised."))
    if person.anonymised_at is not None:
        return person
    old_email = person.email
    placeholder = anonymised_email(person)
    person.first_name = ""
    person.last_name = ""
    person.email = placeholder
    person.job_title = ""
    person.is_active = False
    person.anonymised_at = now
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    EmailAddress.objects.filter(user_id=person.pk).delete()
    UserSession.objects.filter(user_id=person.pk).delete()
    Authenticator.objects.filter(user_id=person.pk).delete()
    Certificate.objects.filter(enrolment__user=person).update(learner_name=_("Former learner"))
    RoleChange.objects.filter(user=person, user_email__iexact=old_email).update(
        user_email=placeholder
    )
    RoleChange.objects.filter(changed_by=person, changed_by_email__iexact=old_email).update(
        changed_by_email=placeholder
    )
    logger.info("Person %s (left on %s) anonymised.", person.pk, person.left_on.isoformat())
    return person
