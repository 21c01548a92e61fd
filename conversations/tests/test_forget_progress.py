import pytest

pytestmark = pytest.mark.django_db


def test_it_forgets_everything(client):
    client.get("/talk/first-talk/3/")
    response = client.post("/talk/forget/")
    assert response.status_code == 302
    assert response["Location"] == "/talk/"
    assert client.get("/talk/first-talk/").context["resume_at"] is None


def test_it_needs_post(client):
    assert client.get("/talk/forget/").status_code == 405


def test_it_needs_a_csrf_token():
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post("/talk/forget/").status_code == 403
