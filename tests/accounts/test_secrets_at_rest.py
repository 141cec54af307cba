"""Secrets are never stored readable: authenticator secrets and queued e-mails are encrypted
with ENCRYPTION_KEY, old plain values are converted, and keys can be rotated."""

import io
import json
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from elearning.core import crypto
from tests.factories import PASSWORD, UserFactory, role_user, totp_code

pytestmark = pytest.mark.django_db


def stored(user, kind=Authenticator.Type.TOTP) -> dict:
    return Authenticator.objects.get(user=user, type=kind).data


def sign_in_with_totp(user, secret) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    return client


def test_totp_secret_is_stored_encrypted_and_sign_in_still_works():
    user = role_user("supervisor")
    secret = user._totp_secret
    data = stored(user)
    assert data["secret"] != secret
    assert secret not in json.dumps(data)
    assert crypto.looks_encrypted(data["secret"])
    assert crypto.decrypt(data["secret"]) == secret

    client = sign_in_with_totp(user, secret)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_recovery_code_seed_is_stored_encrypted_and_codes_still_work():
    user = role_user("supervisor")
    codes = RecoveryCodes.activate(user)
    data = stored(user, Authenticator.Type.RECOVERY_CODES)
    assert crypto.looks_encrypted(data["seed"])
    seed = crypto.decrypt(data["seed"])
    assert seed not in json.dumps(data)
    first = codes.generate_codes()[0]
    assert RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk)).validate_code(first)


def test_secrets_stored_readable_before_still_work_and_the_command_encrypts_them():
    user = UserFactory(groups=["Supervisors"])
    secret = generate_totp_secret()
    # As allauth stored them before ENCRYPTION_KEY was used.
    Authenticator.objects.create(user=user, type="totp", data={"secret": secret})
    Authenticator.objects.create(
        user=user, type="recovery_codes", data={"seed": "ab" * 40, "used_mask": 0}
    )
    assert sign_in_with_totp(user, secret).session["_auth_user_id"] == str(user.pk)

    out = io.StringIO()
    call_command("reencrypt_secrets", stdout=out)
    assert "2 authenticator" in out.getvalue()
    assert crypto.decrypt(stored(user)["secret"]) == secret
    assert crypto.decrypt(stored(user, "recovery_codes")["seed"]) == "ab" * 40

    cache.clear()  # the code used above may be used again in this test only
    assert TOTP(Authenticator.objects.get(user=user, type="totp")).validate_code(totp_code(secret))


def test_a_rotated_key_keeps_working_and_the_old_one_can_then_be_dropped():
    user = role_user("supervisor")
    secret = user._totp_secret
    old = list(settings.ENCRYPTION_KEYS)
    new = Fernet.generate_key().decode()

    with override_settings(ENCRYPTION_KEYS=[new, *old]):
        assert crypto.decrypt(stored(user)["secret"]) == secret  # made with the old key
        call_command("reencrypt_secrets", stdout=io.StringIO())
    with override_settings(ENCRYPTION_KEYS=[new]):
        assert crypto.decrypt(stored(user)["secret"]) == secret
        assert sign_in_with_totp(user, secret).session["_auth_user_id"] == str(user.pk)
    # The old key alone no longer opens it.
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt(stored(user)["secret"])


def test_a_secret_no_key_opens_is_an_error_not_a_plain_secret():
    user = role_user("supervisor")
    other_key = [Fernet.generate_key().decode()]
    with override_settings(ENCRYPTION_KEYS=other_key), pytest.raises(crypto.InvalidToken):
        TOTP(Authenticator.objects.get(user=user, type="totp")).validate_code("123456")


def test_demo_accounts_get_encrypted_secrets_that_the_demo_code_opens():
    from elearning.core.demo_mfa import DEMO_TOTP_SECRET, current_demo_totp_code

    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())
        out = io.StringIO()
        call_command("demo_totp", stdout=out)
    assert out.getvalue().strip() == current_demo_totp_code()
    data = Authenticator.objects.get(user__email="supervisor@demo.example", type="totp").data
    assert data["secret"] != DEMO_TOTP_SECRET
    assert crypto.decrypt(data["secret"]) == DEMO_TOTP_SECRET


# --- Queued e-mails --------------------------------------------------------------------------

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}


def all_task_text() -> str:
    from django_tasks_db.models import DBTaskResult

    return json.dumps(
        [
            [r.args_kwargs, r.return_value, r.traceback, r.exception_class_path]
            for r in DBTaskResult.objects.all()
        ]
    )


# The worker closes its database connection when it stops, so it cannot share the test's
# transaction (PostgreSQL notices).
@pytest.mark.django_db(transaction=True)
def test_password_reset_link_is_not_readable_in_the_task_table(mailoutbox):
    from django_tasks_db.models import DBTaskResult

    user = UserFactory()
    with override_settings(TASKS=DATABASE_TASKS):
        response = Client().post(reverse("account_reset_password"), {"email": user.email})
        assert response.status_code == 302
        assert mailoutbox == []  # queued, not sent yet
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        before = all_task_text()
        for readable in ("/accounts/password/reset/key/", "http://testserver", user.email):
            assert readable not in before

        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())

    [mail] = mailoutbox
    assert mail.to == [user.email]
    path, key = re.search(
        r"http://testserver(/accounts/password/reset/key/([^/\s]+)/)", mail.body
    ).groups()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    after = all_task_text()
    for secret in (key, key.split("-", 1)[1], path):
        assert secret not in after

    # The link still works.
    client = Client()
    response = client.get(path)
    assert response.status_code == 302
    response = client.post(
        response["Location"],
        {"password1": "a-brand-new-passphrase", "password2": "a-brand-new-passphrase"},
    )
    assert response.status_code == 302
    assert (
        Client()
        .post(reverse("account_login"), {"login": user.email, "password": "a-brand-new-passphrase"})
        .status_code
        == 302
    )


@pytest.mark.django_db(transaction=True)
def test_emails_queued_before_sealing_are_sealed_by_the_command(mailoutbox):
    from django_tasks_db.models import DBTaskResult

    from elearning.core.tasks import send_email

    link = "http://testserver/accounts/password/reset/key/abc-secret/"
    send_email.using(backend="database").enqueue(
        subject="Old", body=f"Reset: {link}", to=["a@example.org"], from_email="x@example.org"
    )
    assert link in all_task_text()
    call_command("reencrypt_secrets", stdout=io.StringIO())
    assert link not in all_task_text()
    assert list(DBTaskResult.objects.get().args_kwargs["kwargs"]) == ["sealed"]

    call_command("db_worker", "--batch", "--backend", "database", "--no-startup-delay")
    assert [m.body for m in mailoutbox] == [f"Reset: {link}"]
