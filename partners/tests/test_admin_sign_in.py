import pytest
from django.test import Client

from partners import throttle

pytestmark = pytest.mark.django_db


def test_the_admin_sign_in_is_throttled_like_everyone_s(admin_user):
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(throttle.FREE_TRIES):
        assert guesser.post("/admin/login/", {"username": "admin", "password": "guess"}).status_code == 200
    assert guesser.post("/admin/login/", {"username": "admin", "password": "password"}).status_code == 429
    elsewhere = Client(REMOTE_ADDR="10.0.0.10")
    assert elsewhere.post("/admin/login/", {"username": "admin", "password": "password"}).status_code == 302
