import pytest

pytestmark = pytest.mark.django_db


def test_it_is_calm_and_resumes_exactly_there(client):
    response = client.get("/talk/right-after/4/pause/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "It is fine to stop here" in content
    assert 'href="/talk/right-after/4/">Resume at step 4' in content


def test_out_of_range_redirects(client):
    response = client.get("/talk/right-after/44/pause/")
    assert response.status_code == 302
    assert response["Location"] == "/talk/right-after/8/pause/"


def test_unknown_script_is_404(client):
    assert client.get("/talk/nope/1/pause/").status_code == 404


def test_the_pause_screen_says_stopping_is_not_failure_and_links_support(client):
    content = client.get("/talk/first-talk/2/pause/").content.decode()
    assert "stopping is not failure" in content
    assert content.count('href="/support/"') >= 2  # in the text, and in the footer
