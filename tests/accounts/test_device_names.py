"""The signed-in devices list names browsers and devices in words, not raw User-Agent headers."""

import pytest

from elearning.accounts.devices import device_name

AGENTS = {
    "Chrome on Windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Edge on Windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
    "Firefox on Windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) "
    "Gecko/20100101 Firefox/125.0",
    "Safari on Mac": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Chrome on Mac": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Safari on iPhone": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Chrome on iPhone": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
    "AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1",
    "Safari on iPad": "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
    "Chrome on Android": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Samsung Internet on Android": "Mozilla/5.0 (Linux; Android 13; SM-S911B) "
    "AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 "
    "Mobile Safari/537.36",
    "Firefox on Linux": "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 "
    "Firefox/125.0",
    "Opera on Windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0",
    "Chrome on ChromeOS": "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Internet Explorer on Windows": "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) "
    "like Gecko",
    "Chrome on Linux": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/124.0.0.0 Safari/537.36",
}


@pytest.mark.parametrize(("expected", "agent"), AGENTS.items(), ids=list(AGENTS))
def test_common_agents_are_named_by_browser_and_device(expected, agent):
    assert device_name(agent) == expected


@pytest.mark.parametrize("agent", ["", None, "   ", "python-requests/2.31.0", "curl/8.5.0"])
def test_agents_it_does_not_know_read_unknown_browser(agent):
    assert device_name(agent) == "Unknown browser"


def test_a_known_device_with_an_unknown_browser_keeps_the_device():
    assert device_name("SomeApp/1.0 (Windows NT 10.0)") == "Unknown browser on Windows"


def test_a_known_browser_on_an_unknown_device_is_the_browser_alone():
    assert device_name("Mozilla/5.0 (Nintendo) Gecko/20100101 Firefox/115.0") == "Firefox"
