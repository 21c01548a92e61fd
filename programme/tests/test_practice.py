import pytest

pytestmark = pytest.mark.django_db


def test_every_part_shows_its_time_as_text(client, first_practice):
    content = client.get(first_practice.get_absolute_url()).content.decode()
    for part in first_practice.parts.all():
        assert f'{part.get_kind_display()} <span class="meta">· {part.minutes} minute' in content
    assert "Pain means stop" in content


def test_unknown_session_is_404(client, stages):
    assert client.get(f"/programme/{stages[0].slug}/nope/").status_code == 404
    assert client.get("/programme/nope/nope/").status_code == 404
