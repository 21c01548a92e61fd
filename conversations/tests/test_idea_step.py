import pytest

from conversations.models import Idea

pytestmark = pytest.mark.django_db


def test_one_idea_per_screen_like_a_script(client):
    total = Idea.objects.count()
    response = client.get("/ideas/all/2/")
    content = response.content.decode()
    assert f"Idea 2 of {total}" in content
    assert 'href="/ideas/all/1/"' in content and 'href="/ideas/all/3/"' in content
    assert response.context["idea"] == Idea.objects.in_order()[1]


def test_a_category_steps_through_only_its_ideas(client):
    touch = Idea.objects.in_order().filter(category__slug="touch")
    content = client.get(f"/ideas/touch/{touch.count()}/").content.decode()
    assert f"Idea {touch.count()} of {touch.count()}" in content
    assert touch.last().title in content
    assert 'rel="next"' not in content


def test_out_of_range_goes_to_the_nearest(client):
    last = Idea.objects.current().filter(category__slug="touch").count()
    for path, location in [("/ideas/all/0/", "/ideas/all/1/"), ("/ideas/touch/999/", f"/ideas/touch/{last}/")]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == location


@pytest.mark.parametrize("path", ["/ideas/nope/1/", "/ideas/all/x/", "/ideas/all/-2/"])
def test_nonsense_is_404(client, path):
    assert client.get(path).status_code == 404


def test_signed_out_people_are_invited_to_sign_up_to_mark(client):
    content = client.get("/ideas/all/1/").content.decode()
    assert "make an account" in content and 'name="choice"' not in content


def test_signed_in_people_get_their_private_answer_form(pain_client):
    content = pain_client.get("/ideas/all/1/").content.decode()
    assert "My private answer" in content and 'name="choice"' in content


def test_htmx_gets_the_card(client):
    response = client.get("/ideas/all/3/", headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith("<title>Ideas · Idea ")  # the tab follows the swap


def test_query_count_is_fixed(client, pain_client, django_assert_num_queries):
    with django_assert_num_queries(2):  # the kinds of idea and every idea, kept for the content edition
        client.get("/ideas/all/5/")
    with django_assert_num_queries(1):  # the ideas of this kind, kept too
        client.get("/ideas/touch/2/")
    with django_assert_num_queries(2):  # signed in: the user and my own marks; the ideas were kept
        pain_client.get("/ideas/touch/2/")
