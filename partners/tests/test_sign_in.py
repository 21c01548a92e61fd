import pytest
from django.test import Client

from partners.models import RateLimit
from conftest import PASSPHRASE

pytestmark = pytest.mark.django_db


def test_it_works(partner_with_pain):
    response = Client().post("/account/sign-in/", {"username": "ana", "password": PASSPHRASE})
    assert response["Location"] == "/account/"


def test_a_wrong_passphrase_is_explained(partner_with_pain):
    response = Client().post("/account/sign-in/", {"username": "ana", "password": "nope"})
    assert response.status_code == 422
    assert "don&#x27;t match" in response.content.decode()


def test_attempts_are_rate_limited_per_username(partner_with_pain):
    for _ in range(10):
        Client(REMOTE_ADDR=f"10.0.0.{_}").post("/account/sign-in/", {"username": "ana", "password": "guess"})
    response = Client(REMOTE_ADDR="10.0.1.1").post("/account/sign-in/", {"username": "ana", "password": PASSPHRASE})
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()


def test_attempts_are_rate_limited_per_address(partner_with_pain):
    for n in range(30):
        Client().post("/account/sign-in/", {"username": f"someone{n}", "password": "guess"})
    assert Client().post("/account/sign-in/", {"username": "ana", "password": PASSPHRASE}).status_code == 429


def test_the_counters_hold_no_usernames_or_addresses(partner_with_pain):
    Client().post("/account/sign-in/", {"username": "ana", "password": "guess"})
    keys = " ".join(RateLimit.objects.values_list("key", flat=True))
    assert "ana" not in keys and "127.0.0.1" not in keys


def test_next_is_kept_only_when_it_stays_on_this_site(partner_with_pain):
    ok = Client().post("/account/sign-in/?next=/pair/join/ABCD2345/", {"username": "ana", "password": PASSPHRASE})
    assert ok["Location"] == "/pair/join/ABCD2345/"
    evil = Client().post("/account/sign-in/?next=https://evil.example/", {"username": "ana", "password": PASSPHRASE})
    assert evil["Location"] == "/account/"
