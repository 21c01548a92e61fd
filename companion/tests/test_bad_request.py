"""A body the server cannot decode gets a calm 400, never a 500, on every kind of page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def post_utf7(path):
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.get("/account/sign-in/")
    token = client.cookies["csrftoken"].value
    body = f"csrfmiddlewaretoken={token}&a=b+%2B-"
    return client.post(path, body, content_type="application/x-www-form-urlencoded; charset=utf-7")


@pytest.mark.parametrize("path", ["/account/sign-in/", "/where-does-it-hurt/", "/marks/", "/report-a-problem/"])
def test_a_utf7_form_gets_the_400_page(path):
    response = post_utf7(path)
    assert response.status_code == 400
    assert b"We could not read that" in response.content and b"nothing was changed" in response.content


def test_a_utf7_form_to_no_page_is_a_404():
    assert post_utf7("/no-such-page/x/").status_code == 404


def test_the_400_page_never_touches_the_request():
    from companion.views import bad_request

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError(f"read request.{name}")

    assert bad_request(Untouchable(), Exception()).status_code == 400
