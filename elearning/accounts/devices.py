"""Readable names for the devices in the signed-in sessions list ("Chrome on Windows").

A small parser of the User-Agent header rather than a dependency: the list only needs the
browser and the kind of device, and an agent it does not know reads "Unknown browser".
Order matters: Edge, Opera and Samsung Internet also say "Chrome" and "Safari", and Chrome
says "Safari", so the more specific names are looked for first.
"""

import re

from django.utils.translation import gettext as _

# (pattern, name): the first that matches names the browser.
BROWSERS: tuple[tuple[str, str], ...] = (
    (r"\bEdg(?:e|A|iOS)?/", "Edge"),
    (r"\bOPR/|\bOpera\b|\bOPiOS/", "Opera"),
    (r"\bSamsungBrowser/", "Samsung Internet"),
    (r"\bFirefox/|\bFxiOS/", "Firefox"),
    (r"\bCriOS/|\bChrome/|\bChromium/|\bHeadlessChrome/", "Chrome"),
    (r"\bMSIE\b|\bTrident/", "Internet Explorer"),
    (r"\bVersion/[\d.]+.*\bSafari/|\b(?:iPhone|iPad).*\bAppleWebKit/", "Safari"),
)

# iPad and iPhone before Mac (their agents say "like Mac OS X"), Android before Linux.
SYSTEMS: tuple[tuple[str, str], ...] = (
    (r"\biPhone\b", "iPhone"),
    (r"\biPad\b", "iPad"),
    (r"\bAndroid\b", "Android"),
    (r"\bWindows\b", "Windows"),
    (r"\bCrOS\b", "ChromeOS"),
    (r"\bMacintosh\b|\bMac OS X\b", "Mac"),
    (r"\bLinux\b|\bX11\b", "Linux"),
)


def _first(patterns: tuple[tuple[str, str], ...], agent: str) -> str | None:
    for pattern, name in patterns:
        if re.search(pattern, agent):
            return name
    return None


def device_name(user_agent: str | None) -> str:
    """``"Chrome on Windows"``, ``"Safari on iPhone"``, ``"Firefox"``, or ``"Unknown browser"``."""
    agent = (user_agent or "").strip()
    browser = _first(BROWSERS, agent) if agent else None
    system = _first(SYSTEMS, agent) if agent else None
    if browser is None:
        if system is None:
            return _("Unknown browser")
        return _("Unknown browser on %(system)s") % {"system": system}
    if system is None:
        return browser
    return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
