"""Sign in: failures slow down further guesses, but nobody can lock someone else out."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PASSPHRASE
from partners import throttle
from partners.models import FailedSignIns, RateLimit

pytestmark = pytest.mark.django_db


def sign_in(client, username="ana", password=PASSPHRASE):
    return client.post("/account/sign-in/", {"username": username, "password": password})


def test_it_works(partner_with_pain):
    assert sign_in(Client())["Location"] == "/account/"


def test_a_wrong_passphrase_is_explained(partner_with_pain):
    response = sign_in(Client(), password="nope")
    assert response.status_code == 422
    assert "don&#x27;t match" in response.content.decode()


def test_failures_slow_down_further_guesses_from_that_place(partner_with_pain):
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(throttle.FREE_TRIES):
        assert sign_in(guesser, password="guess").status_code == 422
    response = sign_in(guesser)  # even the right passphrase waits: the guesser cannot test it
    assert response.status_code == 429
    assert "Please wait" in response.content.decode()


def test_a_throttled_try_never_checks_the_passphrase(partner_with_pain, monkeypatch):
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(throttle.FREE_TRIES):
        sign_in(guesser, password="guess")
    checked = []
    monkeypatch.setattr("django.contrib.auth.hashers.PBKDF2PasswordHasher.verify", lambda *a: checked.append(1))
    monkeypatch.setattr("django.contrib.auth.hashers.MD5PasswordHasher.verify", lambda *a: checked.append(1))
    assert sign_in(guesser).status_code == 429
    assert checked == []


def test_delays_grow_and_never_become_a_lock():
    delays = [throttle.delay_for(n) for n in range(throttle.FREE_TRIES, throttle.FREE_TRIES + 12)]
    assert delays == sorted(delays) and delays[0] > 0 and max(delays) == throttle.MAX_DELAY_SECONDS


def test_the_wait_ends(partner_with_pain):
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(throttle.FREE_TRIES):
        sign_in(guesser, password="guess")
    FailedSignIns.objects.update(last_failed_at=timezone.now() - timezone.timedelta(minutes=16))
    assert sign_in(guesser)["Location"] == "/account/"


def test_someone_guessing_at_a_known_name_does_not_stop_its_owner(partner_with_pain):
    owner = Client(REMOTE_ADDR="192.0.2.5")
    assert sign_in(owner).status_code == 302  # this browser has signed in as ana before
    owner.post("/account/sign-out/")
    for _ in range(40):  # someone on the same home network keeps guessing
        sign_in(Client(REMOTE_ADDR="192.0.2.5"), password="guess")
    assert sign_in(owner)["Location"] == "/account/"
    assert sign_in(Client(REMOTE_ADDR="198.51.100.7"))["Location"] == "/account/"  # and from anywhere else


def test_successes_do_not_count(partner_with_pain):
    client = Client()
    for _ in range(throttle.FREE_TRIES + 3):
        assert sign_in(client).status_code == 302
        client.post("/account/sign-out/")


@pytest.mark.parametrize("look_alike", ["ANA", "ａna", "𝐚na", "Ana"])
def test_look_alike_names_share_one_limit(partner_with_pain, look_alike):
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(throttle.FREE_TRIES):
        sign_in(guesser, username="ana", password="guess")
    assert sign_in(guesser, username=look_alike, password="guess").status_code == 429


def test_each_address_has_a_cap_across_all_names(partner_with_pain):
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for n in range(throttle.ADDRESS_FAILURES):
        sign_in(guesser, username=f"someone{n}", password="guess")
    assert sign_in(Client(REMOTE_ADDR="10.0.0.9"), username="ana").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="10.0.0.10"), username="ana").status_code == 302


def test_the_counters_hold_no_usernames_or_addresses(partner_with_pain):
    sign_in(Client(), password="guess")
    keys = " ".join(
        [*RateLimit.objects.values_list("key", flat=True), *FailedSignIns.objects.values_list("key", flat=True)]
    )
    assert "ana" not in keys and "127.0.0.1" not in keys


def test_next_is_kept_only_when_it_stays_on_this_site(partner_with_pain):
    ok = Client().post("/account/sign-in/?next=/pair/join/", {"username": "ana", "password": PASSPHRASE})
    assert ok["Location"] == "/pair/join/"
    evil = Client().post("/account/sign-in/?next=https://evil.example/", {"username": "ana", "password": PASSPHRASE})
    assert evil["Location"] == "/account/"


def test_a_phone_signed_out_by_a_change_elsewhere_is_told_why_once(partner_with_pain):
    this_phone, other_phone = Client(), Client()
    sign_in(this_phone)
    sign_in(other_phone)
    other_phone.post(
        "/account/passphrase/",
        {
            "old_password": PASSPHRASE,
            "new_password1": "a long swim at low tide",
            "new_password2": "a long swim at low tide",
        },
    )
    landed = this_phone.get("/account/", follow=True)
    page = landed.content.decode()
    assert landed.redirect_chain[-1][0].startswith("/account/sign-in/")
    assert "You were signed out because of a change on another phone" in page
    assert not re.search(
        r"\bana\b", page.split("<main", 1)[-1]
    )  # nothing about who (as a word: a CSRF token may hold "ana")
    assert "because of a change" not in this_phone.get("/account/sign-in/").content.decode()  # said once


def test_sign_out_everywhere_tells_the_other_phones_too(partner_with_pain):
    this_phone, other_phone = Client(), Client()
    sign_in(this_phone)
    sign_in(other_phone)
    other_phone.post("/account/sign-out-everywhere/")
    assert "because of a change on another phone" in this_phone.get("/account/", follow=True).content.decode()


def test_a_stranger_or_someone_who_signed_out_sees_no_such_line(partner_with_pain):
    assert "because of a change" not in Client().get("/account/sign-in/").content.decode()
    phone = Client()
    sign_in(phone)
    phone.post("/account/sign-out/")
    assert "because of a change" not in phone.get("/account/", follow=True).content.decode()
    timed_out = Client()
    sign_in(timed_out)
    timed_out.cookies.clear()  # the 12 hours ran out: the cookie is gone, and nothing is claimed
    assert "because of a change" not in timed_out.get("/account/", follow=True).content.decode()


def test_the_sign_in_page_has_its_own_title(client):
    assert "<title>Sign in · Companion</title>" in client.get("/account/sign-in/").content.decode()
