import pytest

pytestmark = pytest.mark.django_db


def test_it_works(client):
    response = client.get("/talk/first-talk/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Talking about it for the first time" in content
    assert 'href="/talk/first-talk/1/"' in content
    assert "Resume" not in content


def test_it_offers_to_resume(client):
    client.get("/talk/first-talk/4/")
    content = client.get("/talk/first-talk/").content.decode()
    assert 'href="/talk/first-talk/4/">Resume at step 4' in content


def test_a_finished_script_starts_again(client):
    client.get("/talk/first-talk/finished/")
    assert b"Resume" not in client.get("/talk/first-talk/").content


def test_unknown_script_is_404(client):
    assert client.get("/talk/no-such-script/").status_code == 404


def test_a_script_without_steps_is_404(client, make_script):
    make_script("empty", steps=0)
    assert client.get("/talk/empty/").status_code == 404
    assert client.get("/talk/empty/1/").status_code == 404
