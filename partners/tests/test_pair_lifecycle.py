"""One pair lifecycle for every path: leaving and deleting an account free a seat the same way."""

import pytest

from conftest import data_key_of
from conversations.models import TogetherSession
from partners.models import Invite, Membership, Pair
from partners.tests.pain import lives_with_pain, pair_key

from .test_account import delete_my_account

pytestmark = pytest.mark.django_db


def leave(client):
    return client.post("/pair/leave/")


@pytest.mark.parametrize("who_goes", ["pain", "support"])
@pytest.mark.parametrize("how", ["leave", "delete"])
def test_the_partner_left_behind_in_either_seat_is_told_and_can_invite_again(
    who_goes, how, pair, pain_client, support_client, partner_with_pain, supporting_partner
):
    session = TogetherSession.objects.create(pair=pair)
    going, staying = (pain_client, support_client) if who_goes == "pain" else (support_client, pain_client)
    stayer = supporting_partner if who_goes == "pain" else partner_with_pain
    leave(going) if how == "leave" else delete_my_account(going)
    session.refresh_from_db()
    assert session.ended_at is not None  # what they were doing together has ended
    page = staying.get("/pair/").content.decode()
    assert "Your partner has left the pair" in page
    assert staying.post("/pair/invite/").status_code == 302
    assert Invite.objects.usable().filter(pair=pair).exists()
    assert Membership.objects.get(user=stayer).pair == pair


def test_open_invites_stop_working_when_a_seat_is_freed(pair, pain_client, support_client, partner_with_pain):
    support_client.post("/pair/leave/")
    invite = Invite.issue(pair)
    pain_client.post("/pair/leave/")
    assert not Invite.objects.usable().filter(pk=invite.pk).exists()
    assert not Pair.objects.filter(pk=pair.pk).exists()  # an empty pair is deleted


def test_someone_new_takes_the_free_seat_and_the_notice_goes(
    pair, pain_client, support_client, stranger, partner_with_pain, supporting_partner
):
    pain_client.post("/pair/leave/")  # seat 1 is now free; the supporting partner stays in seat 2
    invite = Invite.issue(pair)
    Invite.ask_to_join(invite.code, stranger, lives_with_pain=True)
    invite.refresh_from_db()
    joined = invite.accept(pair_key(supporting_partner), supporting_partner, data_key_of(supporting_partner))
    assert joined.seat == 1 and lives_with_pain(stranger, reader=supporting_partner) is True
    assert not Membership.objects.filter(pair=pair, partner_left=True).exists()
    assert "You are paired" in support_client.get("/pair/").content.decode()


def test_a_listener_that_fails_leaves_nothing_half_done(pair, partner_with_pain, supporting_partner):
    from partners import registry

    session = TogetherSession.objects.create(pair=pair)
    invite = Invite.issue(pair)

    def fails(**kwargs):
        raise RuntimeError("a hook broke")

    registry.register(registry.Hooks(app="zz-test", seat_released=fails))  # after every app's own hook
    try:
        with pytest.raises(RuntimeError):
            Membership.objects.get(user=partner_with_pain).leave()
    finally:
        registry.unregister("zz-test")
    session.refresh_from_db()
    invite.refresh_from_db()
    assert Membership.objects.filter(pair=pair).count() == 2 and session.ended_at is None and invite.revoked_at is None
    assert not Membership.objects.get(user=supporting_partner).partner_left


def test_the_partner_left_behind_keeps_their_answer_under_the_new_pair_key(
    pair, pain_client, support_client, stranger, supporting_partner
):
    from conftest import signed_in

    from .test_pair import answer_on_the_pair_page

    pain_client.post("/pair/leave/")  # a new pair key for Ben, made on the server: his answer under the old one is gone
    assert lives_with_pain(supporting_partner) is None
    assert answer_on_the_pair_page(support_client) == ["no"]  # from his own copy, sealed again under the new key
    assert lives_with_pain(supporting_partner) is False
    support_client.post("/pair/invite/")
    newcomer = signed_in(stranger)
    newcomer.post("/pair/join/", {"code": Invite.objects.usable().get(pair=pair).code, "lives_with_pain": "yes"})
    support_client.post("/pair/answer/", {"answer": "accept"})
    for reader in (supporting_partner, stranger):
        assert (lives_with_pain(supporting_partner, reader), lives_with_pain(stranger, reader)) == (False, True)


def test_an_answer_that_no_longer_opens_is_asked_again_never_a_500(
    pair, pain_client, support_client, supporting_partner
):
    Membership.objects.filter(user=supporting_partner).update(own_sealed_lives_with_pain=None)
    pain_client.post("/pair/leave/")
    response = support_client.get("/pair/")
    assert response.status_code == 200 and "Please choose again" in response.content.decode()
    support_client.post("/pair/pain/", {"lives_with_pain": "yes"})
    assert lives_with_pain(supporting_partner) is True
