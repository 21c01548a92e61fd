"""Limits that hold against someone with many addresses, and never against the owner's own phone."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

from conftest import PASSPHRASE, data_key_of
from partners import throttle
from partners.http import address_group
from partners.models import User

pytestmark = pytest.mark.django_db
NEW = "a slow boat down the canal"


def sign_in(client, username="ana", password=PASSPHRASE):
    return client.post("/account/sign-in/", {"username": username, "password": password})


def recover(client, code, username="ana"):
    data = {"username": username, "recovery_code": code, "new_password1": NEW, "new_password2": NEW}
    return client.post("/account/recover/", data)


@pytest.mark.parametrize(
    "ip, prefix, expected",
    [
        ("203.0.113.9", 64, "203.0.113.9"),  # IPv4: the whole address
        ("2001:db8:1:2:aaaa::1", 64, "2001:db8:1:2::/64"),
        ("2001:db8:1:2:aaaa::1", 48, "2001:db8:1::/48"),
        ("::ffff:203.0.113.9", 48, "203.0.113.9"),  # IPv4 written as IPv6
        ("not an address", 64, "not an address"),
    ],
)
def test_addresses_are_grouped(ip, prefix, expected):
    assert address_group(ip, prefix) == expected


def test_one_ipv6_64_is_one_place(partner_with_pain):
    for n in range(throttle.FREE_TRIES):
        assert sign_in(Client(REMOTE_ADDR=f"2001:db8::{n:x}"), password="guess").status_code == 422
    assert sign_in(Client(REMOTE_ADDR="2001:db8::ffff")).status_code == 429
    assert sign_in(Client(REMOTE_ADDR="2001:db8:0:1::1")).status_code == 302  # the next /64 is someone else


def test_the_address_cap_counts_a_whole_ipv6_48(partner_with_pain):
    for n in range(throttle.ADDRESS_FAILURES):  # each from its own /64, at its own name
        sign_in(Client(REMOTE_ADDR=f"2001:db8:0:{n:x}::1"), username=f"someone{n}", password="guess")
    assert sign_in(Client(REMOTE_ADDR="2001:db8:0:ffff::1")).status_code == 429
    assert sign_in(Client(REMOTE_ADDR="2001:db8:1::1")).status_code == 302


def test_many_addresses_guessing_at_one_name_all_wait(partner_with_pain, monkeypatch):
    owner = Client(REMOTE_ADDR="192.0.2.5")
    assert sign_in(owner).status_code == 302
    owner.post("/account/sign-out/")
    for n in range(throttle.NAME_FREE_FAILURES):  # each from an address of its own
        assert sign_in(Client(REMOTE_ADDR=f"198.51.100.{n}"), password="guess").status_code == 422
    checked = []
    monkeypatch.setattr("django.contrib.auth.hashers.MD5PasswordHasher.verify", lambda *a: checked.append(1))
    response = sign_in(Client(REMOTE_ADDR="203.0.113.77"), password="guess")  # a fresh address, a known name
    assert response.status_code == 429 and "Please wait" in response.content.decode()
    assert checked == []  # no hashing for a throttled try
    assert (
        sign_in(Client(REMOTE_ADDR="203.0.113.77"), username="ben", password="guess").status_code == 422
    )  # other names go on
    monkeypatch.undo()
    assert sign_in(owner)["Location"] == "/account/"  # the owner's own phone never waits


def test_someone_at_home_failing_to_sign_in_does_not_block_the_owner_s_recovery(partner_with_pain):
    code = partner_with_pain.new_recovery_code(data_key_of(partner_with_pain))
    for _ in range(throttle.FREE_TRIES + 3):  # the same home address
        sign_in(Client(REMOTE_ADDR="192.0.2.5"), password="guess")
    assert sign_in(Client(REMOTE_ADDR="192.0.2.5")).status_code == 429
    response = recover(Client(REMOTE_ADDR="192.0.2.5"), code)
    assert response.status_code == 200 and "Your new passphrase is set" in response.content.decode()


def test_recovery_failures_have_a_budget_of_their_own(partner_with_pain):
    partner_with_pain.new_recovery_code(data_key_of(partner_with_pain))
    for _ in range(throttle.FREE_TRIES):
        assert recover(Client(REMOTE_ADDR="192.0.2.5"), "AAAA-AAAA-AAAA-AAAA").status_code == 422
    assert recover(Client(REMOTE_ADDR="192.0.2.5"), "AAAA-AAAA-AAAA-AAAA").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="192.0.2.5")).status_code == 302  # signing in is not held up by it


def test_the_owner_is_told_of_wrong_tries_at_their_next_sign_in(partner_with_pain):
    for n in range(7):
        sign_in(Client(REMOTE_ADDR=f"198.51.100.{n}"), password="guess")
    owner = Client()
    page = owner.get(sign_in(owner)["Location"]).content.decode()
    assert "There were 7 wrong tries" in page and 'href="/account/passphrase/"' in page
    owner.post("/account/sign-out/")
    assert "wrong tries" not in owner.get(sign_in(owner)["Location"]).content.decode()  # told once


def test_a_typo_or_two_is_not_reported(partner_with_pain):
    owner = Client()
    sign_in(owner, password="typo")
    assert "wrong tries" not in owner.get(sign_in(owner)["Location"]).content.decode()


def test_a_used_recovery_code_costs_the_same_work_as_a_live_one(partner_with_pain, monkeypatch):
    hashed = []
    real = make_password
    monkeypatch.setattr("django.contrib.auth.hashers.make_password", lambda *a, **k: hashed.append(1) or real(*a, **k))
    assert partner_with_pain.recovery_code_hash == ""
    assert partner_with_pain.recovery_code_matches("AAAA-AAAA-AAAA-AAAA") is False
    assert hashed  # Django's check_password runs a full hash for a hash that is not usable


def test_sign_ups_past_the_ceiling_wait_kindly_and_never_hash(settings, monkeypatch):
    settings.SIGN_UPS_PER_MINUTE = 2
    data = {"password1": "tea by the window at dawn", "password2": "tea by the window at dawn"}
    for n in range(2):
        assert (
            Client(REMOTE_ADDR=f"198.51.100.{n}").post("/account/sign-up/", {"username": f"p{n}x", **data}).status_code
            == 200
        )
    hashed = []
    monkeypatch.setattr("django.contrib.auth.base_user.make_password", lambda *a, **k: hashed.append(1) or "x")
    response = Client(REMOTE_ADDR="203.0.113.50").post("/account/sign-up/", {"username": "third", **data})
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    assert (
        "Lots of people are making accounts" in response.content.decode()
        and 'value="third"' in response.content.decode()
    )
    assert hashed == [] and not User.objects.filter(username="third").exists()


def test_sign_ups_from_one_ipv6_48_share_a_limit():
    from partners.views.accounts import SIGN_UPS_PER_ADDRESS_PER_HOUR

    data = {"password1": "tea by the window at dawn", "password2": "tea by the window at dawn"}
    for n in range(SIGN_UPS_PER_ADDRESS_PER_HOUR):
        Client(REMOTE_ADDR=f"2001:db8:0:{n:x}::1").post("/account/sign-up/", {"username": f"person{n}x", **data})
    assert (
        Client(REMOTE_ADDR="2001:db8:0:ff::1").post("/account/sign-up/", {"username": "onemore", **data}).status_code
        == 429
    )


def test_sign_outs_at_the_same_moment_all_take_effect(partner_with_pain):
    first, second = User.objects.get(pk=partner_with_pain.pk), User.objects.get(pk=partner_with_pain.pk)
    first.revoke_session("session-one")
    second.revoke_session("session-two")  # a stale copy of the row, as a second request would hold
    assert {"session-one", "session-two"} <= set(User.objects.get(pk=partner_with_pain.pk).revoked_sessions)
