"""A person's choice of which optional training e-mails they get."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import EmailPreferences
from ..notifications.catalogue import PREFERENCE_CHOICES
from .common import CourseRefusal


@transaction.atomic
def email_preferences_save(*, user, wanted: list[str]) -> EmailPreferences:
    """Keep the optional e-mails ``user`` wants; every other optional one is turned off.
    Essential e-mails are not a choice and are always sent."""
    offered = [key for key, _label in PREFERENCE_CHOICES]
    if set(wanted) - set(offered):
        raise CourseRefusal(_("Choose only from the e-mails listed."))
    preferences, _created = EmailPreferences.objects.select_for_update().get_or_create(user=user)
    preferences.turned_off = [key for key in offered if key not in wanted]
    preferences.full_clean()
    preferences.save()
    return preferences
