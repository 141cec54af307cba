"""The authorisation matrix: who may open each named URL the site serves.

Every app keeps its rows in ``tests/<app>/authz_rows.py`` as a list called ``ROWS`` (and may
define ``setup(ctx)`` to create the objects its URLs point at). The matrix test walks Django's
URL resolver and fails for any named URL without a row, so no view ships without a decision
about who may see it.

Outcomes:
- an HTTP status (200, 403, 404, 405 ...);
- ``LOGIN``: redirected to the sign-in page;
- ``REDIRECT``: redirected somewhere other than the sign-in page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ANON = "anonymous"
PRACTITIONER = "practitioner"
OTHER = "other_practitioner"  # a practitioner who does not own the object in the URL
SUPERVISOR = "supervisor"
STAFF = "staff"
ADMIN = "admin"
ROLES = (ANON, PRACTITIONER, OTHER, SUPERVISOR, STAFF, ADMIN)
SIGNED_IN = ROLES[1:]

LOGIN = "login"
REDIRECT = "redirect"


@dataclass
class Ctx:
    """What rows need to build their URLs: the users of each role and objects made in setup."""

    users: dict
    objects: dict = field(default_factory=dict)


@dataclass
class Row:
    name: str
    expect: dict
    # Builds reverse() arguments from the context: returns kwargs (dict) or args (tuple).
    args: Callable[[Ctx], dict | tuple] | None = None
    note: str = ""
    # POST-only views are checked by posting an empty form (nothing valid is submitted).
    method: str = "GET"

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: no outcome for {sorted(missing)}")


def outcomes(default, **by_role) -> dict:
    """All roles ``default`` except those named (use the role constants' values as keys)."""
    result = dict.fromkeys(ROLES, default)
    result.update(by_role)
    return result


def public(status=200) -> dict:
    return outcomes(status)


def signed_in(status=200) -> dict:
    """Anonymous people are sent to sign in; everyone signed in gets ``status``."""
    return outcomes(status, anonymous=LOGIN)


def only(allowed: set, *, refused=403, status=200) -> dict:
    """Anonymous sent to sign in; ``allowed`` roles get ``status``; the rest ``refused``."""
    result = outcomes(refused, anonymous=LOGIN)
    for role in allowed:
        result[role] = status
    return result


# URLs that belong to Wagtail's and Django's own admin screens. They are guarded by Wagtail's
# ``access_admin`` permission (tested through the /admin/ entry points below) and by the Django
# admin's staff check. Entry points the project adds under /admin/ must still have rows: they
# are listed by namespace in PROJECT_ADMIN_NAMESPACES.
THIRD_PARTY_PREFIXES = ("admin/", "django-admin/")
PROJECT_ADMIN_NAMESPACES = (
    "agencies",
    "leavers",
    "failed_work",
    "wagtailusers_users",
    "certificates",
)
