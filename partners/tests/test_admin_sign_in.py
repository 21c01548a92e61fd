import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners import throttle

pytestmark = pytest.mark.django_db


def test_the_admin_sign_in_is_throttled_like_everyone_s(admin_user):
    # The admin also asks for a second factor (companion/admin_site.py): here, the app's current code.
    app = TOTPDevice.objects.create(user=admin_user, name="authenticator app", confirmed=True)
    code = f"{totp(app.bin_key):06d}"

    def sign_in(client, passphrase):
        return client.post("/admin/login/", {"username": "admin", "password": passphrase, "otp_token": code})

    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(throttle.FREE_TRIES):
        assert sign_in(guesser, "guess").status_code == 200
    assert sign_in(guesser, "password").status_code == 429
    elsewhere = Client(REMOTE_ADDR="10.0.0.10")
    assert sign_in(elsewhere, "password").status_code == 302
