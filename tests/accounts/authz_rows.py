"""Authorisation rows for the People area's own URLs (under Wagtail's user screens).

Partnership admins only; staff reach the admin but Wagtail sends them back to its home;
everyone else is refused anything under /admin/. The person in the URL is a practitioner, so
the rows check the admin acting on someone else (acting on oneself is refused by the services,
see tests/accounts/test_people_admin.py).
"""

from tests.security.matrix import (
    ADMIN,
    LOGIN,
    PRACTITIONER,
    REDIRECT,
    STAFF,
    SUPERVISOR,
    Row,
    only,
    outcomes,
    signed_in,
)

PEOPLE_SCREEN = only({ADMIN}) | {STAFF: REDIRECT}

ROWS = [
    Row(
        "wagtailusers_users:deactivate",
        PEOPLE_SCREEN,
        args=lambda ctx: {"user_id": ctx.users[PRACTITIONER].pk},
        note="a confirmation page; the POST deactivates",
    ),
    Row(
        "wagtailusers_users:reactivate",
        PEOPLE_SCREEN,
        args=lambda ctx: {"user_id": ctx.users[PRACTITIONER].pk},
        note="a confirmation page; an active account is refused on POST",
    ),
    Row("wagtailusers_users:index", PEOPLE_SCREEN, note="the People list"),
    Row("wagtailusers_users:add", PEOPLE_SCREEN, note="inviting a person"),
]

_person = {"args": lambda ctx: {"pk": ctx.users[PRACTITIONER].pk}}
ROWS += [
    Row("wagtailusers_users:edit", PEOPLE_SCREEN, **_person, note="roles and agency"),
    Row("wagtailusers_users:history", PEOPLE_SCREEN, **_person),
    Row("wagtailusers_users:history_results", PEOPLE_SCREEN, **_person),
    Row("wagtailusers_users:usage", PEOPLE_SCREEN, **_person),
    Row("wagtailusers_users:index_results", PEOPLE_SCREEN),
    Row(
        "wagtailusers_users:delete",
        only(set()) | {STAFF: REDIRECT, ADMIN: REDIRECT},
        **_person,
        note="nobody deletes a person: their learning and supervision records outlive them",
    ),
]


def setup(ctx):
    """The practitioner has named the supervisor as their line manager (not yet answered)."""
    from elearning.accounts.models import ManagerLink
    from elearning.accounts.services import manager_name

    manager_name(learner=ctx.users[PRACTITIONER], manager=ctx.users[SUPERVISOR])
    ctx.objects["manager_link"] = ManagerLink.objects.get(learner=ctx.users[PRACTITIONER])


_link = {"args": lambda ctx: {"link_id": ctx.objects["manager_link"].pk}}
ROWS += [
    Row("accounts:manager_requests", signed_in(200), note="each sees only requests to them"),
    Row(
        "accounts:manager_request",
        outcomes(404, anonymous=LOGIN, supervisor=200),
        **_link,
        note="only the person named as manager; the learner, staff and admins get 404",
    ),
    Row(
        "accounts:manager_link_end",
        outcomes(404, anonymous=LOGIN, practitioner=REDIRECT, supervisor=REDIRECT),
        **_link,
        method="POST",
        note="the learner or the manager, sent back to the profile or the team page",
    ),
]
