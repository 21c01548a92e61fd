"""One pair lifecycle for every path: leaving and deleting an account free a seat the same way."""

import pytest

from conversations.models import TogetherSession
from partners.models import Invite, Membership, Pair

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
    invite = Invite.objects.usable().get(pair=pair)
    assert Membership.objects.get(user=stayer).pair == pair


def test_open_invites_stop_working_when_a_seat_is_freed(pair, pain_client, support_client, partner_with_pain):
    support_client.post("/pair/leave/")
    invite = Invite.issue(pair)
    pain_client.post("/pair/leave/")
    assert not Invite.objects.usable().filter(pk=invite.pk).exists()
    assert not Pair.objects.filter(pk=pair.pk).exists()  # an empty pair is deleted


def test_someone_new_takes_the_free_seat_and_the_notice_goes(pair, pain_client, support_client, stranger, partner_with_pain):
    pain_client.post("/pair/leave/")  # seat 1 is now free; the supporting partner stays in seat 2
    invite = Invite.issue(pair)
    Invite.ask_to_join(invite.code, stranger, lives_with_pain=True)
    invite.refresh_from_db()
    joined = invite.accept()
    assert joined.seat == 1 and joined.lives_with_pain
    assert not Membership.objects.filter(pair=pair, partner_left=True).exists()
    assert "You are paired" in support_client.get("/pair/").content.decode()
