"""The admin asks staff for a second factor (companion/admin_site.py); everyone else's sign-in is unchanged."""

import re
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSPHRASE
from partners import throttle

pytestmark = pytest.mark.django_db


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    """Six digits the app shows at no step the admin accepts now (one either side of the current one)."""
    accepted = set()
    for step in (-1, 0, 1):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time() + step * device.step
        accepted.add(totp.token())
    return f"{next(n for n in range(10**6) if n not in accepted):06d}"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(username="desk", password=PASSPHRASE, is_staff=True)


@pytest.fixture
def backup_codes(staff):
    out = StringIO()
    call_command("admin_second_factor", "desk", stdout=out)
    return re.findall(r"^   ([a-z2-7]{8})$", out.getvalue(), re.MULTILINE)


@pytest.fixture
def app(staff, backup_codes):
    return TOTPDevice.objects.get(user=staff)


def sign_in(client, code, passphrase=PASSPHRASE, username="desk"):
    data = {"username": username, "password": passphrase, "otp_token": code, "next": "/admin/"}
    return client.post("/admin/login/", data)


def test_staff_open_the_admin_only_with_their_passphrase_and_the_app_s_current_code(app):
    client = Client()
    assert client.get("/admin/login/").status_code == 200
    assert 'name="otp_token"' in client.get("/admin/login/").text

    passphrase_only = sign_in(client, "")
    assert passphrase_only.status_code == 200
    assert "Enter the code from your authenticator app" in passphrase_only.text
    assert sign_in(client, current_code(app), passphrase="not the passphrase").status_code == 200
    assert client.get("/admin/").status_code == 302  # still not in

    signed_in = sign_in(client, current_code(app))
    assert (signed_in.status_code, signed_in.url) == (302, "/admin/")
    assert throttle.DEVICE_COOKIE in signed_in.cookies  # the throttle saw a success
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_counts_toward_the_throttle(app):
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    refusals = [sign_in(guesser, wrong_code(app)) for _ in range(throttle.FREE_TRIES)]
    assert [refused.status_code for refused in refusals] == [200] * throttle.FREE_TRIES
    assert "That code is not right" in refusals[0].text  # then django-otp's own delay refuses them too
    assert sign_in(guesser, current_code(app)).status_code == 429  # answered before the passphrase or code
    assert guesser.get("/admin/").status_code == 302

    TOTPDevice.objects.filter(pk=app.pk).update(throttling_failure_count=0)  # django-otp's own delay, as if waited
    elsewhere = Client(REMOTE_ADDR="10.0.0.10")
    assert sign_in(elsewhere, current_code(app)).status_code == 302


def test_a_right_code_counts_as_a_success_and_clears_the_wrong_tries(app, backup_codes):
    client = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(throttle.FREE_TRIES - 1):
        assert sign_in(client, current_code(app), passphrase="guess").status_code == 200
    assert sign_in(client, current_code(app)).status_code == 302
    for _ in range(throttle.FREE_TRIES - 1):
        assert sign_in(client, backup_codes[0], passphrase="guess").status_code == 200
    # Without the success in between this would be the ninth failure in a row, and wait (429).
    assert sign_in(client, backup_codes[0]).status_code == 302


def test_staff_with_no_second_factor_cannot_open_the_admin_and_are_told_how_to_set_one_up(staff):
    client = Client()
    refused = sign_in(client, "123456")
    assert refused.status_code == 200
    assert "manage.py admin_second_factor desk" in refused.text
    assert client.get("/admin/").status_code == 302

    client.force_login(staff)  # signed in at the site's own sign-in page, say: still no admin
    assert client.get("/admin/").status_code == 302
    assert client.get(reverse("admin:companion_problemreport_changelist")).status_code == 302


def test_a_backup_code_works_exactly_once(staff, backup_codes):
    first, second = backup_codes[:2]
    assert sign_in(Client(), first).status_code == 302
    assert sign_in(Client(), f" {second.upper()} ").status_code == 302  # as someone might type it
    used_again = sign_in(Client(), first)
    assert used_again.status_code == 200
    assert "has been used already" in used_again.text
    assert StaticToken.objects.filter(device__user=staff).count() == 8


def test_the_command_sets_up_an_app_and_shows_ten_backup_codes_once(staff):
    out = StringIO()
    call_command("admin_second_factor", "desk", stdout=out)
    printed = out.getvalue()
    app = TOTPDevice.objects.get(user=staff)
    assert (app.name, app.confirmed) == ("authenticator app", True)
    assert app.config_url in printed
    assert "otpauth://totp/" in printed
    assert "█" in printed or "▀" in printed  # the QR code
    codes = re.findall(r"^   ([a-z2-7]{8})$", printed, re.MULTILINE)
    assert len(codes) == 10
    assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert StaticDevice.objects.get(user=staff).confirmed

    with pytest.raises(CommandError, match="--replace"):
        call_command("admin_second_factor", "desk", stdout=StringIO())
    call_command("admin_second_factor", "desk", "--replace", stdout=StringIO())
    assert TOTPDevice.objects.get(user=staff).key != app.key
    assert not StaticToken.objects.filter(token__in=codes).exists()
    assert StaticToken.objects.filter(device__user=staff).count() == 10


def test_the_command_refuses_an_unknown_name_and_a_person_who_is_not_staff(partner_with_pain):
    with pytest.raises(CommandError, match="no account called 'nobody'"):
        call_command("admin_second_factor", "nobody", stdout=StringIO())
    with pytest.raises(CommandError, match="not a staff account"):
        call_command("admin_second_factor", partner_with_pain.username, stdout=StringIO())
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()


def test_everyone_else_signs_in_with_their_passphrase_alone(partner_with_pain):
    client = Client()
    page = client.get(reverse("account:sign_in"))
    assert "otp_token" not in page.text
    signed_in = client.post(
        reverse("account:sign_in"), {"username": partner_with_pain.username, "password": PASSPHRASE}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("account:home")).status_code == 200
