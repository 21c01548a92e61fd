import pytest

pytestmark = pytest.mark.django_db


def test_it_marks_the_script_finished_on_this_browser(client):
    response = client.get("/talk/check-in/finished/")
    assert response.status_code == 200
    assert b"You did it together" in response.content
    assert client.get("/talk/").context["scripts"][5][1] == {"step": 9, "done": True}


def test_unknown_script_is_404(client):
    assert client.get("/talk/nope/finished/").status_code == 404
