"""Who lives with the pain: each partner's own answer, sealed under the pair key and their own key (Membership)."""

import pytest

from conftest import PASSPHRASE, data_key_of
from partners import private_records
from partners.models import Membership, User
from partners.tests.pain import lives_with_pain, say_lives_with_pain

from .test_pair import answer_on_the_pair_page

pytestmark = pytest.mark.django_db


def test_it_changes_only_my_answer_and_both_of_us_read_it(pain_client, partner_with_pain, supporting_partner):
    pain_client.post("/pair/pain/", {"lives_with_pain": "no"})
    for reader in (partner_with_pain, supporting_partner):
        assert (lives_with_pain(partner_with_pain, reader), lives_with_pain(supporting_partner, reader)) == (
            False,
            False,
        )


def test_a_bad_answer_is_kind_and_changes_nothing(pain_client, partner_with_pain):
    response = pain_client.post("/pair/pain/", {"lives_with_pain": "boss"}, follow=True)
    assert "Please choose yes or no. Nothing has changed." in response.content.decode()
    assert lives_with_pain(partner_with_pain) is True


def test_an_answer_copied_to_the_partners_row_does_not_open(
    pair, partner_with_pain, supporting_partner, support_client
):
    hers = Membership.objects.get(user=partner_with_pain)
    Membership.objects.filter(user=supporting_partner).update(
        sealed_lives_with_pain=hers.sealed_lives_with_pain, own_sealed_lives_with_pain=hers.own_sealed_lives_with_pain
    )
    assert lives_with_pain(supporting_partner) is None  # not "yes": it is bound to her seat
    assert answer_on_the_pair_page(support_client) == []  # so he is asked again, kindly
    assert "Please choose again" in support_client.get("/pair/").content.decode()


def test_without_the_pair_key_my_partner_never_reads_an_old_answer(pair, partner_with_pain, supporting_partner):
    Membership.objects.filter(user=partner_with_pain).update(sealed_pair_key=None)  # as after starting afresh
    membership = Membership.objects.get(user=partner_with_pain)
    membership.set_lives_with_pain(False, None, data_key_of(partner_with_pain))
    assert lives_with_pain(partner_with_pain, reader=supporting_partner) is None
    key = (
        Membership.objects.select_related("user")
        .get(user=supporting_partner)
        .open_pair_key(data_key_of(supporting_partner))
    )
    assert (
        membership.settle_lives_with_pain(key, data_key_of(partner_with_pain)) is False
    )  # her next visit with the key
    assert lives_with_pain(partner_with_pain, reader=supporting_partner) is False


def test_a_new_key_keeps_both_answers(pair, partner_with_pain, supporting_partner):
    say_lives_with_pain(supporting_partner, True)
    ana = User.objects.get(pk=partner_with_pain.pk)
    ana.rekey("a slow boat down the canal", data_key_of(partner_with_pain), [private_records.reseal])
    data_key_of(ana, "a slow boat down the canal")  # her passphrase from now on
    for reader in (ana, supporting_partner):
        assert (lives_with_pain(ana, reader), lives_with_pain(supporting_partner, reader)) == (True, True)
    assert Membership.objects.get(user=ana).settle_lives_with_pain(None, data_key_of(ana)) is True  # her own copy too


def test_starting_afresh_keeps_my_answer_for_when_my_partner_confirms_me(
    pair, partner_with_pain, supporting_partner, support_client
):
    ana = User.objects.get(pk=partner_with_pain.pk)
    private_records.forget_unreadable(ana, ana.start_keys_afresh(PASSPHRASE))
    support_client.post("/pair/vouch/")
    assert (
        lives_with_pain(ana) is True
        and Membership.objects.get(user=ana).settle_lives_with_pain(None, data_key_of(ana)) is None
    )
    key = Membership.objects.select_related("user").get(user=ana).open_pair_key(data_key_of(ana))
    assert (
        Membership.objects.get(user=ana).settle_lives_with_pain(key, data_key_of(ana)) is True
    )  # and her own copy is back
    assert Membership.objects.get(user=ana).settle_lives_with_pain(None, data_key_of(ana)) is True


def test_signing_in_seals_my_answer_again_under_a_new_pair_key(pair, pain_client, supporting_partner):
    """After his partner left, his pair's copy of his answer is gone (it was under the old pair key); his next
    sign-in seals it again under the pair key he now holds alone, before he opens any page (keyring.opened)."""
    from django.test import Client

    pain_client.post("/pair/leave/")
    assert Membership.objects.get(user=supporting_partner).sealed_lives_with_pain is None
    Client().post("/account/sign-in/", {"username": "ben", "password": PASSPHRASE})
    assert Membership.objects.get(user=supporting_partner).sealed_lives_with_pain is not None
    assert lives_with_pain(supporting_partner) is False
