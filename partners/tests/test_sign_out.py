"""Signing out ends that session everywhere its cookie was copied; other sessions carry on."""

import pytest
from django.test import Client

from conftest import PASSPHRASE

pytestmark = pytest.mark.django_db


def signed_in_client():
    client = Client()
    assert client.post("/account/sign-in/", {"username": "ana", "password": PASSPHRASE}).status_code == 302
    return client


def copy_of(client):
    copy = Client()
    copy.cookies = client.cookies.__class__(client.cookies)
    return copy


def test_a_copied_cookie_dies_at_sign_out(partner_with_pain):
    phone = signed_in_client()
    copy = copy_of(phone)
    assert copy.get("/account/").status_code == 200
    phone.post("/account/sign-out/")
    assert copy.get("/account/").status_code == 302
    assert copy.get("/account/").status_code == 302  # and stays signed out


def test_other_sessions_carry_on(partner_with_pain):
    phone, laptop = signed_in_client(), signed_in_client()
    phone.post("/account/sign-out/")
    assert laptop.get("/account/").status_code == 200


def test_the_list_of_signed_out_sessions_stays_short(partner_with_pain, settings):
    from django.utils import timezone

    for _ in range(3):
        signed_in_client().post("/account/sign-out/")
    partner_with_pain.refresh_from_db()
    assert len(partner_with_pain.revoked_sessions) == 3
    old = (timezone.now() - timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)).isoformat()
    partner_with_pain.revoked_sessions = {sid: old for sid in partner_with_pain.revoked_sessions}
    partner_with_pain.save()
    signed_in_client().post("/account/sign-out/")
    partner_with_pain.refresh_from_db()
    assert len(partner_with_pain.revoked_sessions) == 1
