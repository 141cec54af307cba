"""Encryption at rest for secrets the site has to read back later.

Authenticator secrets (TOTP keys, recovery-code seeds) and queued e-mails (which can carry
password-reset and verification links) are stored as Fernet tokens. The keys come from the
``ENCRYPTION_KEY`` environment variable, which may list several keys separated by commas: the
first encrypts, every one of them decrypts. To rotate, put a new key first, keep the old one
after it, run ``manage.py reencrypt_secrets``, then drop the old key.
"""

import base64
import hashlib
import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

__all__ = [
    "InvalidToken",
    "decrypt",
    "decrypt_json",
    "encrypt",
    "encrypt_json",
    "key_from_secret",
    "looks_encrypted",
    "rotate",
]

# Every Fernet token starts with the version byte 0x80 followed by a 64-bit timestamp whose
# top bytes are zero until the year 2106, which base64 spells "gAAAAA". TOTP secrets are
# upper-case base32 and recovery seeds are hexadecimal, so neither can look like a token.
_TOKEN_PREFIX = "gAAAAA"


def key_from_secret(secret: str) -> str:
    """A fixed Fernet key derived from ``secret`` (development and tests only)."""
    digest = hashlib.sha256(b"elearning encryption key\0" + secret.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ValueError("No encryption key is configured (ENCRYPTION_KEY).")
    return MultiFernet([Fernet(key) for key in keys])


def _current() -> MultiFernet:
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    """``text`` as a token encrypted with the first key."""
    return _current().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    """The text inside ``token``; raises ``InvalidToken`` if no configured key opens it."""
    return _current().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """``token`` re-encrypted with the first key (it may have been made with any key)."""
    return _current().rotate(token.encode()).decode()


def looks_encrypted(value: str) -> bool:
    return isinstance(value, str) and value.startswith(_TOKEN_PREFIX)


def encrypt_json(value) -> str:
    return encrypt(json.dumps(value, separators=(",", ":")))


def decrypt_json(token: str):
    return json.loads(decrypt(token))
