import pytest

pytestmark = pytest.mark.django_db


def test_it_works(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"biology, not blame" in response.content


def test_it_leads_into_the_library_and_what_to_do(client):
    content = client.get("/").content.decode()
    assert 'href="/library/"' in content
    assert 'href="/what-to-do/"' in content
    assert "push through" in content


def test_every_page_offers_quick_exit_and_a_skip_link(client):
    content = client.get("/").content.decode()
    assert "data-quick-exit" in content
    assert 'href="#main"' in content


def test_query_free(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/")
