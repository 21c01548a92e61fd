import pytest
from django.test import Client
from django.utils import timezone

from partners.models import Invite, Membership, Pair, Role
from conftest import PASSPHRASE

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(partner_with_pain):
    pair = Pair.objects.create()
    Membership.objects.create(user=partner_with_pain, pair=pair, seat=1, role=Role.PAIN)
    return Invite.issue(pair)


@pytest.fixture
def newcomer(supporting_partner):
    client = Client()
    client.force_login(supporting_partner)
    return client


def test_a_code_pairs_us_in_the_other_role(waiting, newcomer, supporting_partner):
    response = newcomer.post("/pair/join/", {"code": waiting.display_code.lower()})
    assert response["Location"] == "/pair/"
    membership = Membership.objects.get(user=supporting_partner)
    assert (membership.pair_id, membership.seat, membership.role) == (waiting.pair_id, 2, Role.SUPPORT)


def test_the_link_only_fills_the_form_in(waiting, newcomer):
    response = newcomer.get(f"/pair/join/{waiting.code}/")
    assert response.status_code == 200
    assert f'value="{waiting.code}"' in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.used_at is None  # a link preview cannot use it up


@pytest.mark.parametrize("spoil", ["expired", "used", "revoked", "wrong"])
def test_wrong_and_expired_look_the_same(waiting, newcomer, spoil, supporting_partner):
    code = waiting.code
    if spoil == "expired":
        Invite.objects.update(expires_at=timezone.now())
    elif spoil == "used":
        Invite.objects.update(used_at=timezone.now())
    elif spoil == "revoked":
        Invite.objects.update(revoked_at=timezone.now())
    else:
        code = "ZZZZ2222" if code != "ZZZZ2222" else "YYYY3333"
    response = newcomer.post("/pair/join/", {"code": code})
    assert response.status_code == 422
    assert "That code didn&#x27;t work. Check it with your partner, or ask them for a new one." in response.content.decode()
    assert not Membership.objects.filter(user=supporting_partner).exists()


def test_it_works_once(waiting, newcomer, stranger):
    newcomer.post("/pair/join/", {"code": waiting.code})
    third = Client()
    third.force_login(stranger)
    assert third.post("/pair/join/", {"code": waiting.code}).status_code == 422
    assert Membership.objects.filter(pair=waiting.pair).count() == 2


def test_guesses_are_rate_limited(waiting, newcomer, supporting_partner):
    for n in range(10):
        assert newcomer.post("/pair/join/", {"code": f"ABCD{n:04d}".replace("0", "A").replace("1", "B")}).status_code == 422
    response = newcomer.post("/pair/join/", {"code": waiting.code})  # even the right code waits
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert not Membership.objects.filter(user=supporting_partner).exists()


def test_the_limit_is_shared_by_every_worker(waiting, supporting_partner):
    """Counters live in the database: a fresh client (another worker) sees the same count."""
    for _ in range(10):
        client = Client()
        client.force_login(supporting_partner)
        client.post("/pair/join/", {"code": "QQQQ7777"})
    client = Client()
    client.force_login(supporting_partner)
    assert client.post("/pair/join/", {"code": waiting.code}).status_code == 429


def test_you_cannot_join_your_own_invite(waiting, partner_with_pain):
    client = Client()
    client.force_login(partner_with_pain)
    response = client.post("/pair/join/", {"code": waiting.code})
    assert response.status_code == 302  # already in a pair: sent to it, nothing used
    waiting.refresh_from_db()
    assert waiting.used_at is None


def test_signed_out_people_are_asked_to_make_an_account_first(waiting):
    response = Client().get(f"/pair/join/{waiting.code}/")
    assert "Make an account" in response.content.decode()
    assert f"next=/pair/join/{waiting.code}/" in response.content.decode().replace("%2F", "/")


def test_sign_up_from_the_link_comes_back_to_join(waiting):
    client = Client()
    response = client.post(
        "/account/sign-up/",
        {"username": "newbie", "password1": PASSPHRASE, "password2": PASSPHRASE, "next": f"/pair/join/{waiting.code}/"},
    )
    assert response.status_code == 200 and f'href="/pair/join/{waiting.code}/"' in response.content.decode()
