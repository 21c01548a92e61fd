import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partners.models import User

pytestmark = pytest.mark.django_db


def test_a_username_and_a_long_passphrase_is_all_it_takes(client):
    response = client.post(
        "/account/sign-up/",
        {"username": "quietfox", "password1": "tea by the window at dawn", "password2": "tea by the window at dawn"},
    )
    assert response.status_code == 200 and 'href="/pair/"' in response.content.decode()
    user = User.objects.get()
    assert user.email == "" and user.first_name == "" and user.last_name == ""
    assert "email" not in client.get("/account/sign-up/").content.decode().lower().replace("no email", "")


@pytest.mark.parametrize(
    "passphrase, problem",
    [
        ("password123", "too common"),
        ("short", "too short"),
        ("123456789012345", "entirely numeric"),
        (" " * 12, "more variety"),
        ("a" * 14, "more variety"),
        ("abababababab", "more variety"),
    ],
)
def test_weak_passphrases_are_refused_kindly(client, passphrase, problem):
    response = client.post(
        "/account/sign-up/", {"username": "quietfox", "password1": passphrase, "password2": passphrase}
    )
    assert response.status_code == 422
    assert problem in response.content.decode()
    assert not User.objects.exists()


def test_a_taken_username_is_explained(client):
    User.objects.create_user("quietfox", password="x")
    response = client.post(
        "/account/sign-up/",
        {"username": "QuietFox", "password1": "tea by the window at dawn", "password2": "tea by the window at dawn"},
    )
    assert response.status_code == 422
    assert User.objects.count() == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(username=st.text(max_size=400), p1=st.text(max_size=3000), p2=st.text(max_size=50))
def test_any_input_is_a_clear_answer_never_a_500(username, p1, p2):
    count = User.objects.count()
    data = {
        "username": username.replace("\x00", ""),
        "password1": p1.replace("\x00", ""),
        "password2": p2.replace("\x00", ""),
    }
    response = Client(REMOTE_ADDR=f"10.1.{len(username) % 250}.{len(p1) % 250}").post("/account/sign-up/", data)
    assert response.status_code in {200, 422, 429, 503}  # 503: many sign-ups this minute, try again shortly
    if response.status_code != 200:
        assert User.objects.count() == count


@pytest.mark.parametrize("name", ["Quietfox", "quietf0x", "QUIETFOX"])
def test_look_alikes_of_a_taken_name_are_refused(client, name):
    User.objects.create_user("quietfox", password="x")
    response = client.post(
        "/account/sign-up/",
        {"username": name, "password1": "tea by the window at dawn", "password2": "tea by the window at dawn"},
    )
    assert response.status_code == 422
    assert "taken" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.parametrize("name", ["ｑuietfox", "quiétfox", "q" * 41, "quiet fox"])
def test_names_are_plain_letters_and_at_most_40_characters(client, name):
    response = client.post(
        "/account/sign-up/",
        {"username": name, "password1": "tea by the window at dawn", "password2": "tea by the window at dawn"},
    )
    assert response.status_code == 422
    assert not User.objects.exists()


def test_sign_ups_are_limited_per_address_and_a_throttled_one_never_hashes(monkeypatch):
    from partners.views.accounts import SIGN_UPS_PER_ADDRESS_PER_HOUR

    for n in range(SIGN_UPS_PER_ADDRESS_PER_HOUR):
        Client().post(
            "/account/sign-up/",
            {
                "username": f"person{n}x",
                "password1": "tea by the window at dawn",
                "password2": "tea by the window at dawn",
            },
        )
    hashed = []
    monkeypatch.setattr("django.contrib.auth.base_user.make_password", lambda *a, **k: hashed.append(1) or "x")
    response = Client().post(
        "/account/sign-up/",
        {"username": "onemore", "password1": "tea by the window at dawn", "password2": "tea by the window at dawn"},
    )
    assert response.status_code == 429 and hashed == []
    assert not User.objects.filter(username="onemore").exists()
    assert (
        Client(REMOTE_ADDR="10.9.9.9")
        .post(
            "/account/sign-up/",
            {
                "username": "elsewhere",
                "password1": "tea by the window at dawn",
                "password2": "tea by the window at dawn",
            },
        )
        .status_code
        == 200
    )
