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


@pytest.mark.parametrize("path", ["README.md", "Makefile", "bench/run.py"])
def test_every_production_command_says_which_proxies_uvicorn_trusts(path):
    from pathlib import Path

    text = Path(__file__).resolve().parents[2].joinpath(path).read_text()
    commands = [line for line in text.splitlines() if "uvicorn_worker.UvicornWorker" in line]
    assert commands
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if "uvicorn_worker.UvicornWorker" in line:  # the flag in the same command: its line, the next, or its list
            assert "--forwarded-allow-ips" in " ".join(lines[n : n + 8]), path


def test_with_no_trusted_proxy_uvicorn_keeps_the_real_peer():
    """gunicorn's `--forwarded-allow-ips ""`, as uvicorn gets it: a forged X-Forwarded-For from loopback changes nothing."""
    import asyncio
    import threading

    from gunicorn.config import validate_string_to_addr_list
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    seen = {}

    async def app(scope, receive, send):
        seen.update(client=scope["client"], scheme=scope["scheme"])

    scope = {
        "type": "http",
        "scheme": "http",
        "client": ("127.0.0.1", 5000),
        "headers": [(b"x-forwarded-for", b"192.0.2.7"), (b"x-forwarded-proto", b"https")],
    }
    middleware = ProxyHeadersMiddleware(app, trusted_hosts=validate_string_to_addr_list(""))
    runner = threading.Thread(target=lambda: asyncio.run(middleware(scope, None, None)))  # a loop of its own
    runner.start(), runner.join()
    assert seen == {"client": ("127.0.0.1", 5000), "scheme": "http"}
