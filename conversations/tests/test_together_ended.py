"""The end page of one together session (`session_ended`): where it stopped, who stopped, "carry on any time", and
"Both of us" only after ideas."""

import pytest

from conversations.models import Script, TogetherSession
from partners.models import Membership

pytestmark = pytest.mark.django_db


def _script_session(pair, at=4):
    script = Script.objects.current().get(slug="check-in")
    return TogetherSession.objects.create(pair=pair, script=script, position=at)


def _page(client, session):
    response = client.get(f"/together/{session.pk}/ended/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_stopped_conversation_says_where_and_who_on_both_phones(pair, pain_client, support_client):
    session = _script_session(pair, at=4)
    total = session.length()
    response = pain_client.post("/together/end/")
    assert response["Location"] == f"/together/{session.pk}/ended/"
    mine, theirs = _page(pain_client, session), _page(support_client, session)
    assert "You stopped for today." in mine and "Stopping is always fine" not in mine
    assert "ana stopped for today. Stopping is always fine." in theirs
    for page in (mine, theirs):
        assert f"You stopped at step 4 of {total}" in page
        assert "Carry on where we stopped" in page
        assert "Both of us" not in page and "No shared yes" not in page
        assert "<title>Together · Stopped · Companion</title>" in page


def test_finishing_a_conversation_says_it_was_done_together(pair, pain_client, support_client):
    session = _script_session(pair, at=1)
    total = session.length()
    session.position = total
    session.save()
    support_client.post("/together/end/", {"finish": "1"})
    session.refresh_from_db()
    assert session.finished and session.ended_by_id is not None
    for client in (pain_client, support_client):
        page = _page(client, session)
        assert f"You finished all {total} steps of" in page and "together" in page
        assert "Carry on where we stopped" not in page and "stopped for today" not in page
        assert "No shared yes" not in page


def test_finish_sent_before_the_last_step_is_a_stop(pair, pain_client):
    """A stale "Finish together" (the partner went Back meanwhile) never claims the end was reached."""
    session = _script_session(pair, at=3)
    pain_client.post("/together/end/", {"finish": "1"})
    session.refresh_from_db()
    assert not session.finished
    assert "You stopped at step 3 of" in _page(pain_client, session)


def test_an_ideas_session_offers_both_of_us(pair, pain_client, support_client):
    pain_client.post("/together/start/", {"what": "ideas-touch"})
    support_client.post("/together/end/")
    session = TogetherSession.objects.get()
    page = _page(pain_client, session)
    assert "ben stopped for today. Stopping is always fine." in page
    assert f'href="/together/{session.pk}/both-of-us/"' in page
    assert "You stopped at idea 1 of" in page


def test_both_of_us_after_a_conversation_goes_to_its_end_page(pair, pain_client):
    session = _script_session(pair)
    pain_client.post("/together/end/")
    response = pain_client.get(f"/together/{session.pk}/both-of-us/")
    assert response["Location"] == f"/together/{session.pk}/ended/"


def test_the_partner_left_behind_gets_a_kind_page(pair, pain_client, supporting_partner):
    session = _script_session(pair)
    pain_client.get("/together/")  # her phone is on the card
    Membership.objects.get(user=supporting_partner).leave()  # he leaves the pair mid-conversation
    poll = pain_client.get("/together/poll/?s=0123456789abcdef", headers={"HX-Request": "true"})
    assert poll.headers["HX-Redirect"] == f"/together/{session.pk}/ended/"
    page = _page(pain_client, session)
    assert "Your partner has left your pair, so Together ended. Nothing you saved is lost" in page
    assert "Both of us" not in page and "Carry on where we stopped" not in page


def test_strangers_and_open_sessions_have_no_end_page(pair, pain_client, stranger_client):
    session = _script_session(pair)
    assert pain_client.get(f"/together/{session.pk}/ended/").status_code == 404  # still open
    pain_client.post("/together/end/")
    assert stranger_client.get(f"/together/{session.pk}/ended/").status_code == 404


def test_signed_out_it_asks_to_sign_in(pair, pain_client):
    from django.test import Client

    session = _script_session(pair)
    pain_client.post("/together/end/")
    response = Client().get(f"/together/{session.pk}/ended/")
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/?next=")
