import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partners.models import User

pytestmark = pytest.mark.django_db


def test_a_username_and_a_long_passphrase_is_all_it_takes(client):
    response = client.post("/account/sign-up/", {"username": "quietfox", "password1": "tea by the window at dawn",
                                                 "password2": "tea by the window at dawn"})
    assert response["Location"] == "/pair/"
    user = User.objects.get()
    assert user.email == "" and user.first_name == "" and user.last_name == ""
    assert "email" not in client.get("/account/sign-up/").content.decode().lower().replace("no email", "")


@pytest.mark.parametrize("passphrase, problem", [("password123", "too common"), ("short", "too short"),
                                                 ("123456789012345", "entirely numeric")])
def test_weak_passphrases_are_refused_kindly(client, passphrase, problem):
    response = client.post("/account/sign-up/", {"username": "quietfox", "password1": passphrase, "password2": passphrase})
    assert response.status_code == 422
    assert problem in response.content.decode()
    assert not User.objects.exists()


def test_a_taken_username_is_explained(client):
    User.objects.create_user("quietfox", password="x")
    response = client.post("/account/sign-up/", {"username": "QuietFox", "password1": "tea by the window at dawn",
                                                 "password2": "tea by the window at dawn"})
    assert response.status_code == 422
    assert User.objects.count() == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(username=st.text(max_size=400), p1=st.text(max_size=3000), p2=st.text(max_size=50))
def test_any_input_is_a_clear_answer_never_a_500(username, p1, p2):
    count = User.objects.count()
    data = {"username": username.replace("\x00", ""), "password1": p1.replace("\x00", ""), "password2": p2.replace("\x00", "")}
    response = Client().post("/account/sign-up/", data)
    assert response.status_code in {302, 422}
    if response.status_code == 422:
        assert User.objects.count() == count
