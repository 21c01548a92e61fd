import re

import pytest
from django.test import Client

from conftest import data_key_of
from partners.models import Invite, Membership
from partners.tests.pain import lives_with_pain

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(partner_with_pain):
    client = Client()
    client.force_login(partner_with_pain)
    return client


def answer_on_the_pair_page(client):
    """The "do you live with the pain?" answer the pair page shows as chosen ([] when it asks again)."""
    page = client.get("/pair/").content.decode()
    return re.findall(r'<input type="radio" name="lives_with_pain" value="(\w+)"[^>]*\schecked', page)


def test_it_offers_to_invite_or_join(ana):
    content = ana.get("/pair/").content.decode()
    assert "Create an invite" in content and "Enter a code" in content


def test_an_invite_shows_a_code_a_link_and_a_qr_code(ana, partner_with_pain):
    ana.post("/pair/invite/", {"lives_with_pain": "yes"})
    invite = Invite.objects.get()
    content = ana.get("/pair/").content.decode()
    assert invite.display_code in content
    assert f"http://testserver/pair/join/#{invite.code}" in content
    assert re.search(r'<div class="qr" role="img" aria-label="[^"]+"><svg', content)
    assert "style=" not in content.split('class="qr"')[1].split("</div>")[0]  # CSP: no inline styles
    assert lives_with_pain(partner_with_pain) is True


def test_invites_expire_within_24_hours(ana):
    ana.post("/pair/invite/", {"lives_with_pain": "no"})
    invite = Invite.objects.get()
    assert (invite.expires_at - invite.created_at).total_seconds() <= 24 * 3600


def test_a_new_invite_replaces_the_old_one_and_revoke_stops_it(ana):
    ana.post("/pair/invite/", {"lives_with_pain": "yes"})
    ana.post("/pair/invite/")
    assert Invite.objects.usable().count() == 1
    ana.post("/pair/invite/revoke/")
    assert Invite.objects.usable().count() == 0


def test_a_missing_answer_is_a_kind_error(ana, partner_with_pain):
    response = ana.post("/pair/invite/", {"lives_with_pain": "boss"}, follow=True)
    assert "Please say whether you live with the pain" in response.content.decode()
    assert not Membership.objects.filter(user=partner_with_pain).exists()


def test_a_full_pair_cannot_invite_a_third(pain_client):
    response = pain_client.post("/pair/invite/", follow=True)
    assert "already has two partners" in response.content.decode()
    assert not Invite.objects.exists()


def test_paired_people_see_the_way_to_together(pain_client):
    content = pain_client.get("/pair/").content.decode()
    assert "You are paired" in content and "/together/" in content


def test_either_partner_can_leave_and_keeps_their_marks(
    pain_client, support_client, partner_with_pain, supporting_partner, pair
):
    from conversations.models import Idea, Mark
    from conversations.tests.marks import mark

    idea = Idea.objects.first()
    mark(partner_with_pain, idea, "yes")
    mark(supporting_partner, idea, "yes")
    count = Mark.objects.count()
    support_client.post("/pair/leave/")
    assert not Membership.objects.filter(user=supporting_partner).exists()
    assert Mark.objects.count() == count
    assert idea.title not in pain_client.get("/ideas/both-of-us/").content.decode()
    pain_client.post("/pair/leave/")
    from partners.models import Pair

    assert not Pair.objects.exists()


def test_each_partner_can_change_their_answer(pain_client, partner_with_pain, supporting_partner):
    pain_client.post("/pair/pain/", {"lives_with_pain": "no"})
    assert lives_with_pain(partner_with_pain, reader=supporting_partner) is False  # her partner reads it too
    assert answer_on_the_pair_page(pain_client) == ["no"]


def test_concurrent_invite_taps_never_fail(ana, partner_with_pain):
    from partners.models import Pair

    Pair.start(
        partner_with_pain, lives_with_pain=True, data_key=data_key_of(partner_with_pain)
    )  # as if another tap got there first
    response = ana.post("/pair/invite/", {"lives_with_pain": "yes"})
    assert response.status_code == 302
    assert Invite.objects.usable().count() == 1


def test_no_make_a_new_invite_while_one_is_live_and_cancel_pairing_says_what_it_does(ana):
    ana.post("/pair/invite/", {"lives_with_pain": "yes"})
    page = ana.get("/pair/").content.decode()
    assert "Cancel this invite" in page and "Make a new invite" not in page
    assert "Start over" not in page and ">Cancel pairing</button>" in page
    assert "This cancels your invite and takes you out of this pair" in page
    ana.post("/pair/invite/revoke/")
    assert "Make a new invite" in ana.get("/pair/").content.decode()  # once none is live


def test_cancel_pairing_drops_the_empty_pair_kindly(ana, partner_with_pain):
    ana.post("/pair/invite/", {"lives_with_pain": "yes"})
    page = ana.post("/pair/leave/", follow=True).content.decode()
    assert "Pairing is cancelled" in page and not Membership.objects.filter(user=partner_with_pain).exists()
    assert Invite.objects.usable().count() == 0


def test_the_partner_left_behind_sees_no_stale_invite_line(pain_client, supporting_partner):
    Membership.objects.get(user=supporting_partner).leave()
    page = pain_client.get("/pair/").content.decode()
    assert "Your partner has left the pair" in page
    assert "Your last invite was used, cancelled or ran out of time" not in page
    assert "Make a new invite" in page
