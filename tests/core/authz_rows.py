"""Authorisation rows for the site core, accounts (allauth) and the Wagtail entry points."""

from tests.security.matrix import (
    ADMIN,
    ANON,
    LOGIN,
    OTHER,
    PRACTITIONER,
    REDIRECT,
    STAFF,
    Row,
    only,
    outcomes,
    public,
    signed_in,
)

# Wagtail sends signed-in people without a model permission back to the admin home.
ADMIN_SCREEN = only({ADMIN}) | {STAFF: REDIRECT}
SIGNED_IN_REDIRECT = outcomes(REDIRECT, anonymous=200)  # sign-in pages send signed-in people on


def setup(ctx):
    from tests.factories import AgencyFactory

    ctx.objects["agency"] = AgencyFactory(name="Matrix agency")
    ctx.objects["failed_task"] = _failed_task()


def _failed_task():
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from tests.core.background_tasks import always_fails

    pk = always_fails.using(backend="database").enqueue().id
    DBTaskResult.objects.filter(pk=pk).update(status=TaskResultStatus.FAILED)
    return DBTaskResult.objects.get(pk=pk)


ROWS = [
    Row("healthz", public(200)),
    Row("readyz", public(200)),
    Row("dashboard", signed_in(200)),
    Row("search", public(200)),
    Row("sitemap", public(200)),
    Row("wagtail_serve", public(200), args=lambda ctx: ("",), note="the home page"),
    Row("wagtailcore_login", public(LOGIN), note="Wagtail's own form is replaced by allauth's"),
    Row(
        "wagtailcore_authenticate_with_password",
        public(404),
        args=lambda ctx: {"page_view_restriction_id": 999, "page_id": 999},
    ),
    Row("wagtaildocs_serve", public(404), args=lambda ctx: ("999", "missing.pdf")),
    Row(
        "wagtaildocs_authenticate_with_password",
        public(404),
        args=lambda ctx: {"restriction_id": 999},
    ),
    # Profiles: each person edits only their own; there is no URL naming another person.
    Row("accounts:profile", signed_in(200)),
    # allauth
    Row("account_login", SIGNED_IN_REDIRECT),
    Row("account_signup", SIGNED_IN_REDIRECT),
    Row("account_logout", signed_in(200) | {ANON: REDIRECT}),
    Row("account_inactive", public(200)),
    Row("account_reauthenticate", signed_in(200)),
    Row("account_email", signed_in(200)),
    Row("account_email_verification_sent", public(200)),
    Row("account_change_password", signed_in(200)),
    Row("account_set_password", signed_in(REDIRECT), note="everyone has a password already"),
    Row("account_reset_password", public(200)),
    Row("account_reset_password_done", public(200)),
    Row("account_reset_password_from_key_done", public(200)),
    Row(
        "account_reset_password_from_key",
        public(200),
        args=lambda ctx: {"uidb36": "zz", "key": "bad-key"},
        note="a forged key shows the 'bad token' page",
    ),
    Row(
        "account_confirm_email",
        public(200),
        args=lambda ctx: {"key": "forged-key"},
        note="a forged key shows the 'link expired or invalid' page and confirms nothing",
    ),
    Row(
        "account_confirm_login_code",
        signed_in(REDIRECT) | {ANON: LOGIN},
        note="login by code is not enabled",
    ),
    Row("mfa_index", signed_in(200)),
    Row(
        "mfa_authenticate",
        signed_in(REDIRECT) | {ANON: LOGIN},
        note="only during a login in progress",
    ),
    Row("mfa_reauthenticate", signed_in(200) | {PRACTITIONER: REDIRECT, OTHER: REDIRECT}),
    Row("mfa_activate_totp", signed_in(REDIRECT) | {PRACTITIONER: REDIRECT, OTHER: REDIRECT}),
    Row(
        "mfa_deactivate_totp",
        signed_in(REDIRECT) | {PRACTITIONER: 404, OTHER: 404},
        note="nothing to deactivate without an authenticator; others must reauthenticate first",
    ),
    Row("mfa_view_recovery_codes", signed_in(404), note="these users have no recovery codes"),
    Row("mfa_generate_recovery_codes", signed_in(REDIRECT)),
    Row("mfa_download_recovery_codes", signed_in(404), note="these users have no recovery codes"),
    Row("usersessions_list", signed_in(200)),
    # Admin entry points
    Row("wagtailadmin_home", only({STAFF, ADMIN})),
    Row(
        "wagtailadmin_login_redirect",
        outcomes(LOGIN, practitioner=403, other_practitioner=403, supervisor=403),
        note="people without admin access are refused anything under /admin/",
    ),
    # Marking someone as having left: partnership admins only (staff reach the admin but are
    # sent back to its home); the person in the URL is the practitioner, not the admin.
    Row(
        "leavers:person_leave",
        ADMIN_SCREEN,
        args=lambda ctx: {"user_id": ctx.users[PRACTITIONER].pk},
    ),
    Row("agencies:index", ADMIN_SCREEN),
    Row("agencies:index_results", ADMIN_SCREEN),
    Row("agencies:add", ADMIN_SCREEN),
    *(
        Row(f"agencies:{view}", ADMIN_SCREEN, args=lambda ctx: {"pk": ctx.objects["agency"].pk})
        for view in ("edit", "delete", "history", "history_results", "usage", "copy")
    ),
    # Failed background work: partnership admins only; trying again is a POST.
    Row("failed_work:index", ADMIN_SCREEN),
    Row("failed_work:index_results", ADMIN_SCREEN),
    Row(
        "failed_work:retry",
        ADMIN_SCREEN | {ADMIN: REDIRECT},
        args=lambda ctx: {"task_id": str(ctx.objects["failed_task"].pk)},
        method="POST",
    ),
    Row(
        "admin:index",
        public(REDIRECT),
        note="Django's admin is for superusers only: everyone here is sent to its login, "
        "which refuses them (see tests/accounts)",
    ),
]
