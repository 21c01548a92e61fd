"""The pair key goes only to the public key the pair pinned; a changed key waits until the partner confirms it."""

import pytest

from conftest import signed_in
from conversations.models import Idea
from conversations.tests.marks import mark, matches_for
from partners import keys
from partners.models import Membership

pytestmark = pytest.mark.django_db


def swap_in_an_attackers_key(user):
    """What someone with write access to the database only could do: their own public key, and no pair key."""
    attacker_public, _ = keys.new_key_pair(keys.new_key(), "private-key")
    type(user).objects.filter(pk=user.pk).update(public_key=attacker_public)
    Membership.objects.filter(user=user).update(sealed_pair_key=None)
    return attacker_public


def test_a_swapped_public_key_is_never_handed_the_pair_key(pair, partner_with_pain, supporting_partner, support_client):
    swap_in_an_attackers_key(partner_with_pain)
    assert support_client.get("/ideas/both-of-us/").status_code == 200  # her partner's ordinary visit
    assert support_client.get("/pair/").status_code == 200
    assert Membership.objects.get(user=partner_with_pain).sealed_pair_key is None


def test_the_partner_is_asked_and_nothing_is_handed_over_until_they_confirm(
    pair, partner_with_pain, supporting_partner, support_client
):
    swap_in_an_attackers_key(partner_with_pain)
    page = support_client.get("/pair/").content.decode()
    assert "ana has new keys" in page and "do not confirm" in page
    assert Membership.objects.get(user=partner_with_pain).sealed_pair_key is None


def test_confirming_a_partner_who_started_afresh_brings_back_their_matches(
    pair, partner_with_pain, supporting_partner, support_client
):
    idea = Idea.objects.current().first()
    mark(supporting_partner, idea, "yes")
    ana = type(partner_with_pain).objects.get(pk=partner_with_pain.pk)
    ana.start_keys_afresh("a quiet walk by the river")
    support_client.post("/pair/vouch/")
    mark(ana, idea, "yes")
    assert matches_for(ana)[0] == [idea]
    assert "has new keys" not in support_client.get("/pair/").content.decode()


def test_with_nothing_to_confirm_the_button_changes_nothing(pair, partner_with_pain, support_client):
    before = bytes(Membership.objects.get(user=partner_with_pain).key_pin)
    response = support_client.post("/pair/vouch/", follow=True)
    assert "There is nothing to confirm now." in response.content.decode()
    assert bytes(Membership.objects.get(user=partner_with_pain).key_pin) == before


def test_a_stranger_cannot_vouch_for_anyone(pair, partner_with_pain, stranger):
    swap_in_an_attackers_key(partner_with_pain)
    signed_in(stranger).post("/pair/vouch/")
    assert Membership.objects.get(user=partner_with_pain).sealed_pair_key is None
