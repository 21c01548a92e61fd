import pytest


@pytest.mark.parametrize("path", ["/nope/", "/library/../etc/passwd", "/library/%00/", "/static/missing.css"])
@pytest.mark.django_db
def test_unknown_urls_get_a_friendly_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    if not path.startswith("/static/"):
        assert b"We couldn't find that page" in response.content


def test_wrong_method_is_405_not_500(client):
    assert client.delete("/").status_code == 405
    assert client.put("/where-does-it-hurt/").status_code == 405


def test_the_error_page_needs_nothing_that_could_fail_again(rf):
    from companion.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"/static/" not in response.content
