"""Authorisation rows for the People area's own URLs (under Wagtail's user screens).

Partnership admins only; staff reach the admin but Wagtail sends them back to its home;
everyone else is refused anything under /admin/. The person in the URL is a practitioner, so
the rows check the admin acting on someone else (acting on oneself is refused by the services,
see tests/accounts/test_people_admin.py).
"""

from tests.security.matrix import ADMIN, PRACTITIONER, REDIRECT, STAFF, Row, only

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
