import pytest

pytestmark = pytest.mark.django_db


def test_a_stage_shows_its_rules_sessions_and_sources(client, stages):
    for stage in stages:
        content = client.get(stage.get_absolute_url()).content.decode()
        assert "Ground rules" in content and "For the supporting partner" in content
        for practice in stage.practices.all():
            assert practice.get_absolute_url() in content
        assert f'href="{stage.get_absolute_url()}sources/"' in content  # its sources, a tap away


def test_the_last_stage_says_who_it_is_for(client, stages):
    content = client.get(stages[-1].get_absolute_url()).content.decode()
    assert stages[-1].needs_solo_steps and "only after the partner with pain has done the solo steps" in content


def test_unknown_stage_is_404(client):
    assert client.get("/programme/nope/").status_code == 404
