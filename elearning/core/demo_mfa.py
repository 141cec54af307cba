"""The shared authenticator secret of the demo accounts.

Demo accounts arrive with MFA already set up so that every role can be tried. They share this
published secret, which is why seeding demo data is refused outside DEMO_MODE.
"""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

DEMO_TOTP_SECRET = "MRSW23ZNMFRWG33VNZ2HGLLPNZWHSIJB"  # base32, public on purpose


def current_demo_totp_code(at: float | None = None) -> str:
    counter = int(at if at is not None else time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
