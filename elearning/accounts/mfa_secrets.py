"""Authenticator secrets at rest: encrypting ones stored readable, re-encrypting after a key
rotation, and (for undoing the migration) opening them again.

allauth keeps a TOTP key in ``data["secret"]`` and a recovery-code seed in ``data["seed"]``
(plus, for codes carried over from another system, ``data["migrated_codes"]``), each passed
through ``MFAAdapter.encrypt``. These functions take a queryset so the data migration can pass
its historical model.
"""

from django.db import transaction

from elearning.core import crypto

TOTP = "totp"
RECOVERY_CODES = "recovery_codes"


def _sealed(value: str) -> str:
    return crypto.rotate(value) if crypto.looks_encrypted(value) else crypto.encrypt(value)


def _opened(value: str) -> str:
    return crypto.decrypt(value) if crypto.looks_encrypted(value) else value


def _mapped(kind: str, data: dict, fn) -> dict:
    data = dict(data)
    if kind == TOTP and data.get("secret"):
        data["secret"] = fn(data["secret"])
    if kind == RECOVERY_CODES:
        if data.get("seed"):
            data["seed"] = fn(data["seed"])
        if data.get("migrated_codes"):
            data["migrated_codes"] = [fn(code) for code in data["migrated_codes"]]
    return data


def _rewrite(authenticators, fn) -> int:
    count = 0
    with transaction.atomic():
        rows = authenticators.filter(type__in=(TOTP, RECOVERY_CODES)).select_for_update()
        for authenticator in rows:
            authenticator.data = _mapped(authenticator.type, authenticator.data, fn)
            authenticator.save(update_fields=["data"])
            count += 1
    return count


def authenticators_reencrypt(authenticators) -> int:
    """Encrypt every readable secret and re-encrypt the rest with the first key.

    Returns how many authenticators were rewritten.
    """
    return _rewrite(authenticators, _sealed)


def authenticators_decrypt(authenticators) -> int:
    """Store every secret readable again (only for migrating backwards)."""
    return _rewrite(authenticators, _opened)
