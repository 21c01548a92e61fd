"""Asking to join with a code: codes never in a URL, the inviter accepts, guesses are limited."""

import pytest
from django.test import Client
from django.utils import timezone

from conftest import data_key_of
from partners.forms import BAD_CODE, CODE_TYPO
from partners.models import Invite, Membership, Pair
from partners.tests.pain import lives_with_pain

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(partner_with_pain):
    return Invite.issue(
        Pair.start(partner_with_pain, lives_with_pain=True, data_key=data_key_of(partner_with_pain)).pair
    )


@pytest.fixture
def newcomer(supporting_partner):
    client = Client()
    client.force_login(supporting_partner)
    return client


@pytest.fixture
def inviter(partner_with_pain):
    client = Client()
    client.force_login(partner_with_pain)
    return client


def ask(client, code, lives_with_pain="no"):
    return client.post("/pair/join/", {"code": code, "lives_with_pain": lives_with_pain})


def test_asking_shares_nothing_until_the_inviter_accepts(
    waiting, newcomer, inviter, supporting_partner, partner_with_pain
):
    response = ask(newcomer, waiting.display_code.lower())
    assert response["Location"] == "/pair/"
    assert not Membership.objects.filter(user=supporting_partner).exists()  # not yet
    assert "Your request to join is sent" in newcomer.get("/pair/").content.decode()
    assert newcomer.get("/ideas/both-of-us/").status_code == 200  # and no pair to see
    page = inviter.get("/pair/").content.decode()
    assert "ben" in page and "is asking to join" in page
    inviter.post("/pair/answer/", {"answer": "accept"})
    membership = Membership.objects.get(user=supporting_partner)
    assert (membership.pair_id, membership.seat) == (waiting.pair_id, 2)
    assert lives_with_pain(supporting_partner, reader=partner_with_pain) is False  # sealed by her for both of them


def test_the_inviter_can_decline(waiting, newcomer, inviter, supporting_partner):
    ask(newcomer, waiting.code)
    inviter.post("/pair/answer/", {"answer": "decline"})
    assert not Membership.objects.filter(user=supporting_partner).exists()
    assert "Your request to join is sent" not in newcomer.get("/pair/").content.decode()
    assert ask(newcomer, waiting.code).status_code == 422  # the code is finished


def test_the_one_asking_can_cancel(waiting, newcomer, inviter):
    ask(newcomer, waiting.code)
    newcomer.post("/pair/join/cancel/")
    assert "is asking to join" not in inviter.get("/pair/").content.decode()


def test_nobody_else_can_answer_a_request(waiting, newcomer, stranger_client, supporting_partner):
    ask(newcomer, waiting.code)
    stranger_client.post("/pair/answer/", {"answer": "accept"})
    assert not Membership.objects.filter(user=supporting_partner).exists()


def test_both_partners_may_live_with_the_pain(waiting, newcomer, inviter, supporting_partner, partner_with_pain):
    ask(newcomer, waiting.code, lives_with_pain="yes")
    inviter.post("/pair/answer/", {"answer": "accept"})
    for reader in (partner_with_pain, supporting_partner):
        assert (lives_with_pain(partner_with_pain, reader), lives_with_pain(supporting_partner, reader)) == (True, True)


def test_the_code_is_never_in_a_url(waiting, inviter):
    page = inviter.get("/pair/").content.decode()
    assert f"http://testserver/pair/join/#{waiting.code}" in page
    assert f"/pair/join/{waiting.code}" not in page
    assert Client().get(f"/pair/join/{waiting.code}/").status_code == 404


def test_a_malformed_code_is_a_typo_and_a_wrong_one_says_what_to_try(waiting, newcomer):
    typo = ask(newcomer, "ABC")
    assert typo.status_code == 422 and CODE_TYPO.replace("'", "&#x27;") in typo.content.decode()
    wrong = ask(newcomer, "ZZZZ2222" if waiting.code != "ZZZZ2222" else "YYYY3333")
    assert wrong.status_code == 422 and BAD_CODE.replace("'", "&#x27;") in wrong.content.decode()


@pytest.mark.parametrize("spoil", ["expired", "used", "revoked", "wrong"])
def test_wrong_used_cancelled_and_expired_look_the_same(waiting, newcomer, spoil, supporting_partner):
    code = waiting.code
    if spoil == "expired":
        Invite.objects.update(expires_at=timezone.now())
    elif spoil == "used":
        Invite.objects.update(used_at=timezone.now())
    elif spoil == "revoked":
        Invite.objects.update(revoked_at=timezone.now())
    else:
        code = "ZZZZ2222" if code != "ZZZZ2222" else "YYYY3333"
    response = ask(newcomer, code)
    assert response.status_code == 422
    assert BAD_CODE.replace("'", "&#x27;") in response.content.decode()
    assert not Membership.objects.filter(user=supporting_partner).exists()


def test_it_works_once(waiting, newcomer, stranger):
    ask(newcomer, waiting.code)
    third = Client()
    third.force_login(stranger)
    assert ask(third, waiting.code).status_code == 422


def test_guesses_are_rate_limited(waiting, newcomer, supporting_partner):
    for n in range(10):
        assert ask(newcomer, f"ABCD{n:04d}".replace("0", "A").replace("1", "B")).status_code == 422
    response = ask(newcomer, waiting.code)  # even the right code waits
    assert response.status_code == 429
    assert "Too many tries. Please wait 15 minutes" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.requested_by is None


def test_the_limit_is_shared_by_every_worker(waiting, supporting_partner):
    """Counters live in the database: a fresh client (another worker) sees the same count."""
    for _ in range(10):
        client = Client()
        client.force_login(supporting_partner)
        ask(client, "QQQQ7777")
    client = Client()
    client.force_login(supporting_partner)
    assert ask(client, waiting.code).status_code == 429


def test_you_cannot_join_your_own_invite(waiting, inviter):
    response = ask(inviter, waiting.code)  # her own empty pair: told it is her own code, nothing used or dropped
    assert response.status_code == 422 and "That is the code of your own invite" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.used_at is None and waiting.revoked_at is None


def test_signed_out_people_are_asked_to_make_an_account_first():
    content = Client().get("/pair/join/").content.decode()
    assert "Make an account" in content and "next=/pair/join/" in content.replace("%2F", "/")


def test_concurrent_answers_seat_one_person_once(waiting, newcomer, supporting_partner):
    ask(newcomer, waiting.code)
    waiting.refresh_from_db()
    assert waiting.accept() is not None
    assert waiting.accept() is None
    assert Membership.objects.filter(user=supporting_partner).count() == 1


def test_the_waiting_pages_reload_once_there_is_news(waiting, newcomer, inviter):
    watch = {"HX-Request": "true"}
    assert inviter.get("/pair/?watch=1", headers=watch).status_code == 204  # nothing yet: nothing sent
    ask(newcomer, waiting.code)
    assert inviter.get("/pair/?watch=1", headers=watch)["HX-Refresh"] == "true"
    assert newcomer.get("/pair/?watch=1", headers=watch).status_code == 204  # still waiting for an answer
    inviter.post("/pair/answer/", {"answer": "accept"})
    assert newcomer.get("/pair/?watch=1", headers=watch)["HX-Refresh"] == "true"


def test_the_answer_asked_with_is_sealed_to_the_inviter_alone(
    waiting, newcomer, partner_with_pain, supporting_partner, stranger
):
    ask(newcomer, waiting.code, lives_with_pain="yes")
    waiting.refresh_from_db()
    assert waiting.requester_lives_with_pain(partner_with_pain, data_key_of(partner_with_pain)) is True
    # Not even the one who asked can open it.
    assert waiting.requester_lives_with_pain(supporting_partner, data_key_of(supporting_partner)) is None
    assert waiting.requester_lives_with_pain(stranger, data_key_of(stranger)) is None


def test_accepted_without_the_keys_the_new_partner_is_asked_again(
    waiting, newcomer, supporting_partner, partner_with_pain
):
    ask(newcomer, waiting.code, lives_with_pain="yes")
    waiting.refresh_from_db()
    assert waiting.accept() is not None  # as from a session holding no keys
    assert lives_with_pain(supporting_partner, reader=partner_with_pain) is None
    assert "Please choose again" in newcomer.get("/pair/").content.decode()


def test_when_both_made_an_invite_the_code_quietly_drops_my_empty_pair(waiting, supporting_partner, newcomer):
    mine = Pair.start(supporting_partner, lives_with_pain=False, data_key=data_key_of(supporting_partner))
    my_invite = Invite.issue(mine.pair)
    page = newcomer.get("/pair/join/").content.decode()
    assert "You made an invite too" in page and "Leave it first" not in page
    response = ask(newcomer, waiting.code)
    assert response["Location"] == "/pair/"
    assert not Pair.objects.filter(pk=mine.pair_id).exists()  # my own empty pair and its invite are gone
    assert not Invite.objects.filter(pk=my_invite.pk).exists() or not Invite.objects.usable().filter(pk=my_invite.pk)
    waiting.refresh_from_db()
    assert waiting.requested_by == supporting_partner  # the accept step stays: asked, not yet joined
    assert not Membership.objects.filter(user=supporting_partner).exists()


def test_a_bad_code_keeps_my_own_invite(waiting, supporting_partner, newcomer):
    mine = Pair.start(supporting_partner, lives_with_pain=False, data_key=data_key_of(supporting_partner))
    Invite.issue(mine.pair)
    assert ask(newcomer, "QQQQ7777").status_code == 422
    assert Membership.objects.filter(user=supporting_partner, pair=mine.pair).exists()
    assert mine.pair.invites.usable().count() == 1


def test_someone_with_a_partner_is_still_refused(waiting, stranger_pair, stranger):
    client = Client()
    client.force_login(stranger)
    response = client.post("/pair/join/", {"code": waiting.code, "lives_with_pain": "no"}, follow=True)
    assert "You are already in a pair. Leave it first to join another." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.used_at is None and Membership.objects.filter(user=stranger, pair=stranger_pair).exists()
