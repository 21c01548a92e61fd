import pytest

from programme.models import NotTonight, PairStage

pytestmark = pytest.mark.django_db


def test_anyone_can_read_the_stages(client, stages):
    response = client.get("/programme/")
    content = response.content.decode()
    assert response.status_code == 200 and len(stages) >= 4
    for stage in stages:
        assert stage.get_absolute_url() in content
    assert "ready for the next stage" not in content


def test_a_pair_sees_its_stage_and_its_own_controls(pain_client, stages):
    content = pain_client.get("/programme/").content.decode()
    assert "Where you are: stage 1" in content
    assert "I’m ready for the next stage" in content
    assert "Go back a stage" not in content  # nothing before stage 1
    assert "Not tonight" in content


def test_someone_without_a_pair_is_asked_to_pair_up(client, stranger):
    client.force_login(stranger)
    content = client.get("/programme/").content.decode()
    assert "Pair up with your partner" in content and "I’m ready" not in content


def test_the_partner_is_told_only_not_tonight(pair, pain_client, support_client, partner_with_pain):
    NotTonight.say(pair.pk, partner_with_pain)
    assert "Your partner said “not tonight”" in support_client.get("/programme/").content.decode()
    assert "Your partner said" not in pain_client.get("/programme/").content.decode()


def test_query_count_is_fixed(pair, pain_client, django_assert_num_queries):
    # user, seat, the pair's stage, my own "ready", the partner's "not tonight", a session running,
    # lines the partner chose to share, stages; for the check-in and welcome-back note: my check-ins, my practice,
    # the steps of the guide I practised last
    with django_assert_num_queries(11):
        pain_client.get("/programme/")
    PairStage.objects.filter(pair=pair).update(number=2)
    with django_assert_num_queries(11):
        pain_client.get("/programme/")


def test_a_running_session_is_easy_to_join(pair, pain_client, support_client, first_practice):
    pain_client.post("/programme/start/", {"practice": first_practice.pk})
    content = support_client.get("/programme/").content.decode()
    assert f"ana started “{first_practice.title}”." in content and 'href="/programme/now/"' in content
    assert "Join it" in content
