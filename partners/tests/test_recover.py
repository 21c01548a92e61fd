"""Forgot the passphrase: a one-time recovery code, shown once at sign-up and stored only as a hash."""

import re

import pytest
from django.test import Client

from partners import throttle
from partners.models import User

pytestmark = pytest.mark.django_db
FIRST = "tea by the window at dawn"
NEW = "a slow boat down the canal"


@pytest.fixture
def signed_up():
    client = Client()
    response = client.post("/account/sign-up/", {"username": "quietfox", "password1": FIRST, "password2": FIRST})
    code = re.search(r'class="invite-code[^"]*"[^>]*>([A-Z0-9-]+)<', response.content.decode()).group(1)
    assert "nobody, us included" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    return code


def recover(code, username="quietfox", new=NEW, client=None):
    data = {"username": username, "recovery_code": code, "new_password1": new, "new_password2": new}
    return (client or Client()).post("/account/recover/", data)


def test_the_code_is_stored_only_as_a_hash(signed_up):
    user = User.objects.get()
    assert signed_up not in user.recovery_code_hash and signed_up.replace("-", "") not in user.recovery_code_hash


def test_the_right_code_sets_a_new_passphrase_and_gives_a_new_code(signed_up):
    response = recover(signed_up.lower().replace("-", " "))  # typed loosely
    assert response.status_code == 200 and "Your new passphrase is set" in response.content.decode()
    new_code = re.search(r'class="invite-code[^"]*"[^>]*>([A-Z0-9-]+)<', response.content.decode()).group(1)
    assert new_code != signed_up
    assert Client().post("/account/sign-in/", {"username": "quietfox", "password": NEW}).status_code == 302
    assert Client().post("/account/sign-in/", {"username": "quietfox", "password": FIRST}).status_code == 422


def test_a_used_code_never_works_again(signed_up):
    assert recover(signed_up).status_code == 200
    again = recover(signed_up, new="another quiet evening in")
    assert again.status_code == 422 and "don&#x27;t match" in again.content.decode()


@pytest.mark.parametrize(
    "code, username",
    [("ABCD-EFGH-JKLM-NPQR", "quietfox"), ("", "quietfox"), ("x" * 500, "quietfox"), ("ABCD", "nobody")],
)
def test_a_wrong_code_or_name_changes_nothing(signed_up, code, username):
    before = User.objects.get().password
    response = recover(code, username=username)
    assert response.status_code == 422
    assert User.objects.get().password == before


def test_a_right_code_with_a_weak_passphrase_keeps_the_code(signed_up):
    assert recover(signed_up, new="a" * 12).status_code == 422
    assert recover(signed_up).status_code == 200


def test_guessing_codes_is_slowed_down(signed_up):
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(throttle.FREE_TRIES):
        recover("ABCD-EFGH-JKLM-NPQR", client=guesser)
    response = recover(signed_up, client=guesser)
    assert response.status_code == 429 and "Please wait" in response.content.decode()


def test_a_recovery_ends_signed_in_here_and_signed_out_on_every_other_phone(signed_up):
    other_phone = Client()
    other_phone.post("/account/sign-in/", {"username": "quietfox", "password": FIRST})
    assert other_phone.get("/account/").status_code == 200
    here = Client()
    response = recover(signed_up, client=here)
    page = response.content.decode()
    assert "Your new passphrase is set" in page and 'href="/pair/"' in page
    assert here.get("/account/").status_code == 200  # signed in, no second sign-in
    assert here.get("/account/my-data.json").status_code == 200  # and the private records open (no locked page)
    assert other_phone.get("/account/")["Location"].startswith("/account/sign-in/")


def test_the_recover_form_helps_password_managers_and_phones(client):
    page = client.get("/account/recover/").content.decode()
    username = re.search(r"<input[^>]*name=\"username\"[^>]*>", page).group(0)
    assert 'autocomplete="username"' in username and 'autocapitalize="none"' in username
    assert page.count('autocomplete="new-password"') == 2
    assert "<title>Use your recovery code · Companion</title>" in page


def test_the_recovery_code_has_a_visible_label_a_plain_element_and_a_copy_button(signed_up):
    page = recover(signed_up).content.decode()
    assert "Your recovery code:" in page
    code = re.search(r"<p class=\"invite-code recovery-code\"[^>]*>([A-Z0-9-]+)</p>", page)
    assert "aria-label" not in code.group(0)
    button = re.search(r"<button[^>]*data-copy=\"([A-Z0-9-]+)\"[^>]*>Copy the code</button>", page)
    assert button and button.group(1) == code.group(1)
    assert "<title>Your recovery code · Companion</title>" in page
