import pytest

from conversations.models import TogetherSession

pytestmark = pytest.mark.django_db


def test_it_offers_choices_when_nothing_is_open(pain_client):
    content = pain_client.get("/together/").content.decode()
    assert "Start together" in content
    assert 'value="script-first-talk"' in content and 'value="ideas-touch"' in content


def test_start_then_both_see_the_same_step(pain_client, support_client):
    pain_client.post("/together/start/", {"what": "script-right-after"})
    for client in (pain_client, support_client):
        content = client.get("/together/").content.decode()
        assert "Step 1 of 8" in content
        assert 'hx-trigger="every 2s"' in content


def test_a_second_start_joins_the_open_session(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas"})
    support_client.post("/together/start/", {"what": "script-check-in"})
    assert TogetherSession.objects.open().filter(pair=pair).count() == 1


@pytest.mark.parametrize("what", ["", "script-nope", "ideas-nope", "script:check-in", "<script>", "x" * 5000])
def test_a_bad_choice_shows_the_choices_again(pain_client, pair, what):
    response = pain_client.post("/together/start/", {"what": what})
    assert response["Location"] == "/together/"
    assert not TogetherSession.objects.exists()


def test_an_unpaired_person_is_sent_to_pair_up(db, django_user_model, client):
    from partners.models import Membership, Pair

    user = django_user_model.objects.create_user("solo", password="a quiet walk by the river")
    Pair.start(user, lives_with_pain=True)
    client.force_login(user)
    assert client.post("/together/start/", {"what": "ideas"})["Location"] == "/pair/"


def test_pause_and_carry_on(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas"})
    pain_client.post("/together/pause/", {"paused": "1"})
    assert "Paused for both of you" in support_client.get("/together/").content.decode()
    support_client.post("/together/pause/", {"paused": "0"})
    assert "Paused" not in pain_client.get("/together/").content.decode()


def test_end_leads_to_both_of_us(pain_client, pair):
    pain_client.post("/together/start/", {"what": "ideas-touch"})
    response = pain_client.post("/together/end/")
    session = TogetherSession.objects.get()
    assert response["Location"] == f"/together/{session.pk}/both-of-us/"
    assert session.ended_at is not None
    htmx = pain_client.post("/together/end/", headers={"HX-Request": "true"})
    assert htmx.status_code == 302  # nothing open any more


def test_query_count_is_fixed(pain_client, pair, django_assert_num_queries):
    pain_client.post("/together/start/", {"what": "ideas"})
    with django_assert_num_queries(7):  # 6, plus the pair's seats for who reads and who sets the pace
        pain_client.get("/together/")
