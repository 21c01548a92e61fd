"""Whose address is it: REMOTE_ADDR, or the trusted proxy's right-most X-Forwarded-For entry."""

import pytest
from django.test import RequestFactory

from partners.http import client_ip


@pytest.mark.parametrize(
    "behind_proxy, forwarded, expected",
    [
        (False, "203.0.113.9", "10.0.0.1"),  # without a proxy the header is anyone's to forge
        (True, "203.0.113.9", "203.0.113.9"),
        (True, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the left part may be made up
        (True, "", "10.0.0.1"),
    ],
)
def test_client_ip(settings, behind_proxy, forwarded, expected):
    settings.BEHIND_PROXY = behind_proxy
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.django_db
def test_behind_the_proxy_one_visitor_s_failures_do_not_block_another(settings, partner_with_pain):
    from django.test import Client

    from conftest import PASSPHRASE

    settings.BEHIND_PROXY = True
    proxy = "10.0.0.1"
    for n in range(40):
        Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.66").post(
            "/account/sign-in/", {"username": f"someone{n}", "password": "guess"}
        )
    owner = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert owner.post("/account/sign-in/", {"username": "ana", "password": PASSPHRASE}).status_code == 302
