"""The client's address, as rate limits and the supervision access log must agree on it."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from elearning.core.net import client_ip

SOCKET = "10.0.0.7"  # the load balancer, as the app server sees it
CLIENT = "203.0.113.9"


def request(**headers):
    return RequestFactory().get("/", REMOTE_ADDR=SOCKET, **headers)


def test_a_forged_forwarded_for_is_ignored_when_no_proxy_is_trusted():
    assert client_ip(request(HTTP_X_FORWARDED_FOR=CLIENT)) == SOCKET
    assert client_ip(request()) == SOCKET


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_the_address_added_by_one_trusted_proxy_is_used():
    assert client_ip(request(HTTP_X_FORWARDED_FOR=CLIENT)) == CLIENT
    # Whatever the client wrote in front of it is not believed: only the proxy's entry is.
    assert client_ip(request(HTTP_X_FORWARDED_FOR=f"198.51.100.1, {CLIENT}")) == CLIENT
    assert client_ip(request()) == SOCKET


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_a_trusted_client_ip_header_is_used_instead():
    assert client_ip(request(HTTP_X_REAL_IP=CLIENT, HTTP_X_FORWARDED_FOR="1.2.3.4")) == CLIENT


def test_no_usable_address_is_none():
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="not-an-address")) is None


def test_it_is_the_address_allauth_uses():
    from allauth.account.adapter import get_adapter

    for trusted in (0, 1):
        with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=trusted):
            r = request(HTTP_X_FORWARDED_FOR=CLIENT)
            assert client_ip(r) == get_adapter(r).get_client_ip(r)


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={"login": "3/m/ip", "login_failed": "10/m/ip"})
def test_rate_limits_cannot_be_dodged_with_a_forged_forwarded_for(client, practitioner):
    for n in range(3):
        response = client.post(
            reverse("account_login"),
            {"login": practitioner.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        assert response.status_code == 200
    response = client.post(
        reverse("account_login"),
        {"login": practitioner.email, "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert response.status_code == 429
