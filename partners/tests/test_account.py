from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from conftest import PASSPHRASE
from conversations.models import Idea, TogetherSession
from conversations.tests.marks import answer, mark
from partners.models import Membership, Pair, User

pytestmark = pytest.mark.django_db


def test_the_account_page_has_the_privacy_controls(pain_client):
    content = pain_client.get("/account/").content.decode()
    for text in ["Download my data", "Delete my account", "Sign out everywhere"]:
        assert text in content


def test_sign_out_is_one_tap_from_every_page(pain_client):
    assert 'action="/account/sign-out/"' in pain_client.get("/library/").content.decode()
    pain_client.post("/account/sign-out/")
    assert pain_client.get("/account/").status_code == 302


def test_sign_out_everywhere_ends_every_session(partner_with_pain, pair):
    phone, laptop = Client(), Client()
    for client in (phone, laptop):
        client.post("/account/sign-in/", {"username": "ana", "password": PASSPHRASE})
        assert client.get("/account/").status_code == 200
    phone.post("/account/sign-out-everywhere/")
    assert laptop.get("/account/").status_code == 302
    assert phone.get("/account/").status_code == 302


def test_idle_sessions_expire(partner_with_pain, settings):
    client = Client()
    client.post("/account/sign-in/", {"username": "ana", "password": PASSPHRASE})
    assert client.get("/account/").status_code == 200
    settings.SESSION_COOKIE_AGE = 60
    with time_machine.travel(timezone.now() + timedelta(seconds=59)):
        assert client.get("/account/").status_code == 200  # still within its idle time (and renewed)
    with time_machine.travel(timezone.now() + timedelta(seconds=59 + 61)):
        assert client.get("/account/").status_code == 302


def delete_my_account(client):
    return client.post("/account/delete/", {"passphrase": PASSPHRASE})


def test_delete_needs_the_passphrase(pain_client, partner_with_pain):
    response = pain_client.post("/account/delete/", {"passphrase": "wrong"})
    assert response.status_code == 422
    assert "Nothing has been deleted" in response.content.decode()
    assert User.objects.filter(pk=partner_with_pain.pk).exists()


def test_after_delete_no_row_refers_to_the_person(pain_client, partner_with_pain, supporting_partner, pair):
    from django.apps import apps

    idea = Idea.objects.first()
    mark(partner_with_pain, idea, "yes")
    mark(supporting_partner, idea, "maybe")
    TogetherSession.objects.create(pair=pair)
    Client().post("/account/sign-in/", {"username": "ana", "password": "wrong"})  # a rate-limit counter
    pk, username = partner_with_pain.pk, partner_with_pain.username

    response = pain_client.post("/account/delete/", {"passphrase": PASSPHRASE})
    assert response["Location"] == "/"

    assert not User.objects.filter(pk=pk).exists()
    user_model = apps.get_model("partners", "User")
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is user_model and field.concrete:
                assert not model.objects.filter(**{field.name: pk}).exists(), (model, field.name)
    from partners.models import RateLimit

    assert not RateLimit.objects.filter(key=RateLimit.key_for("login-user", username)).exists()
    # The partner keeps their own marks and their seat.
    assert answer(supporting_partner, idea) == ("maybe", "either")
    assert Membership.objects.filter(user=supporting_partner).exists()
    assert Pair.objects.count() == 1


def test_export_is_a_download_that_is_never_cached(pain_client, support_client):
    pain_client.post("/together/start/", {"what": "ideas"})
    support_client.get("/together/")  # the partner's phone is on Together: that is theirs, not in my export
    pain_client.get("/together/")
    response = pain_client.get("/account/my-data.json")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert set(data) == {
        "account",
        "pair",
        "marks",
        "together_sessions",
        "my_phone_in_together_sessions",
        "programme",
        "appointment",
    }
    assert data["pair"]["i_live_with_pain"] is True
    assert (
        len(data["my_phone_in_together_sessions"]) == 1 and data["my_phone_in_together_sessions"][0]["last_opened_at"]
    )


ACCOUNT_TITLES = {
    "/account/": "Account",
    "/account/passphrase/": "Change passphrase",
    "/account/delete/": "Delete account",
    "/account/locked/": "Account · Unlock",
}


def test_each_account_page_has_its_own_discreet_title(pain_client):
    titles = {
        path: pain_client.get(path).content.decode().split("<title>")[1].split("</title>")[0] for path in ACCOUNT_TITLES
    }
    assert titles == {path: f"{title} · Companion" for path, title in ACCOUNT_TITLES.items()}
    assert "private answers" not in titles["/account/locked/"]
    signed_out = {path: Client().get(path).content.decode() for path in ["/account/sign-in/", "/account/sign-up/"]}
    assert "<title>Sign in · Companion</title>" in signed_out["/account/sign-in/"]
    assert "<title>Make an account · Companion</title>" in signed_out["/account/sign-up/"]


@pytest.mark.parametrize("path", ["/account/delete/", "/account/locked/"])
def test_pages_asking_for_the_passphrase_help_password_managers(pain_client, path):
    page = pain_client.get(path).content.decode()
    assert 'type="password"' in page and 'autocomplete="current-password"' in page
    assert 'name="username" value="ana" autocomplete="username" readonly hidden' in page


def test_change_passphrase_does_not_jump_past_its_heading(pain_client):
    page = pain_client.get("/account/passphrase/").content.decode()
    assert "autofocus" not in page
    assert page.count('autocomplete="current-password"') == 1 and page.count('autocomplete="new-password"') == 2


def test_the_idle_sign_out_reads_naturally(pain_client):
    page = pain_client.get("/account/").content.decode()
    assert "You are signed out automatically after 12 hours without use." in page and "by yourself" not in page
