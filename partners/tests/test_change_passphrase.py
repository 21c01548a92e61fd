import pytest
from django.test import Client

from conftest import PASSPHRASE

pytestmark = pytest.mark.django_db
NEW = "a slow boat down the canal"


def sign_in(password=PASSPHRASE):
    client = Client()
    return client, client.post("/account/sign-in/", {"username": "ana", "password": password}).status_code


def test_it_needs_the_current_passphrase_and_ends_every_other_session(partner_with_pain):
    (phone, _), (laptop, _) = sign_in(), sign_in()
    wrong = phone.post("/account/passphrase/", {"old_password": "not it", "new_password1": NEW, "new_password2": NEW})
    assert wrong.status_code == 422
    assert laptop.get("/account/").status_code == 200  # nothing changed
    ok = phone.post("/account/passphrase/", {"old_password": PASSPHRASE, "new_password1": NEW, "new_password2": NEW})
    assert ok["Location"] == "/account/"
    assert phone.get("/account/").status_code == 200  # this phone stays signed in
    assert laptop.get("/account/").status_code == 302  # every other one is signed out
    assert sign_in(NEW)[1] == 302 and sign_in(PASSPHRASE)[1] == 422


def test_a_weak_new_passphrase_is_refused(pain_client):
    response = pain_client.post("/account/passphrase/", {"old_password": PASSPHRASE, "new_password1": "a" * 12, "new_password2": "a" * 12})
    assert response.status_code == 422 and "more variety" in response.content.decode()


def test_it_is_for_signed_in_people_only(client):
    assert client.get("/account/passphrase/").status_code == 302
