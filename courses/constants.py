"""Constants other apps may read, such as the partnership reports' confidence labels."""

from django.utils.translation import gettext_lazy as _

CONFIDENCE_CHOICES = [
    (1, _("1 – not at all confident")),
    (2, _("2")),
    (3, _("3")),
    (4, _("4")),
    (5, _("5 – very confident")),
]
