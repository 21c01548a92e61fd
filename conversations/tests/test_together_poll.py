import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conversations.models import TogetherPresence, TogetherSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(pair):
    return TogetherSession.objects.create(pair=pair)


def poll_url(client):
    """The poll address the phone's card carries: it names what that card shows (its stamp)."""
    card = client.get("/together/").content.decode()
    return re.search(r'data-poll="([^"]+)"', card).group(1)


def test_no_change_is_a_bare_204(session, support_client):
    response = support_client.get(poll_url(support_client), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.content == b""


def test_a_change_returns_the_new_card(session, pain_client, support_client):
    url = poll_url(support_client)
    pain_client.post("/together/pause/", {"paused": "1"})
    response = support_client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "paused for both of you" in response.content.decode()
    assert f'data-version="{session.version + 1}"' in response.content.decode()


def test_an_ended_session_sends_the_other_phone_to_its_end_page(session, pain_client, support_client):
    pain_client.post("/together/end/")
    response = support_client.get("/together/poll/?s=0123456789abcdef", headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == f"/together/{session.pk}/ended/"


def test_the_unchanged_poll_is_cheap(
    session, pain_client, support_client, django_assert_num_queries, partner_with_pain
):
    from conversations.models import Idea
    from conversations.tests.marks import book

    pain_client.get("/together/")  # the partner is here, so whether they answered is read too
    url = poll_url(support_client)
    # The user, then the open session of the pair with both phones' presences, in one query. Nothing else: no seat,
    # no key, no token and no answer count is read while the card is still right (Card.still_right). This phone
    # was written down as here moments ago, so that is not written again.
    with django_assert_num_queries(2):
        assert support_client.get(url).status_code == 204
    book(partner_with_pain).save(Idea.objects.current().in_order().first(), "yes", "either")
    url = poll_url(support_client)  # the partner has answered now: a new stamp
    with django_assert_num_queries(2):  # the same: whether she answered is in the stamp the phone holds
        assert support_client.get(url).status_code == 204
    a_while_ago = timezone.now() - timedelta(seconds=TogetherPresence.SEEN_EVERY + 1)
    TogetherPresence.objects.filter(user__username="ben").update(seen_at=a_while_ago)
    with django_assert_num_queries(3):  # now "still here" is written: one update
        assert support_client.get(url).status_code == 204
    assert TogetherPresence.objects.get(user__username="ben").seen_at > a_while_ago
