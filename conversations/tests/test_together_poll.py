import pytest

from conversations.models import TogetherSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(pair):
    return TogetherSession.objects.create(pair=pair)


def test_no_change_is_a_bare_204(session, support_client):
    response = support_client.get(f"/together/poll/?v={session.version}", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.content == b""


def test_a_change_returns_the_new_card(session, pain_client, support_client):
    pain_client.post("/together/pause/", {"paused": "1"})
    response = support_client.get(f"/together/poll/?v={session.version}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "paused for both of you" in response.content.decode()
    assert f'?v={session.version + 1}"' in response.content.decode()


def test_an_ended_session_sends_both_phones_to_both_of_us(session, pain_client, support_client):
    pain_client.post("/together/end/")
    response = support_client.get(f"/together/poll/?v={session.version}", headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == f"/together/{session.pk}/both-of-us/"


def test_the_unchanged_poll_is_cheap(session, support_client, django_assert_num_queries, partner_with_pain):
    from conversations.models import Idea, Mark

    with django_assert_num_queries(2):  # user, then the version of our pair's open session
        support_client.get(f"/together/poll/?v={session.version}")
    Mark.objects.bulk_create(Mark(user=partner_with_pain, idea=idea, choice="yes") for idea in Idea.objects.all())
    with django_assert_num_queries(2):
        support_client.get(f"/together/poll/?v={session.version}")
