"""A signed-out htmx request gets a client redirect to sign in, never a whole page inside a fragment."""

import pytest

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/together/"}


@pytest.mark.parametrize(
    "method, path, data",
    [
        ("get", "/together/poll/?v=1", None),
        ("post", "/marks/", {"idea": "hand-massage", "choice": "y"}),
        ("post", "/together/move/", {"to": "2", "v": "1"}),
    ],
)
def test_signed_out_htmx_gets_a_client_redirect(client, method, path, data):
    response = getattr(client, method)(path, data, headers=HTMX) if data else client.get(path, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/account/sign-in/?next=%2Ftogether%2F"
    assert b"<html" not in response.content


def test_without_htmx_it_is_an_ordinary_redirect(client):
    response = client.get("/together/")
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
