import html
import re

import pytest

from conversations.models import Idea, IdeaCategory
from conversations.tests.marks import mark

pytestmark = pytest.mark.django_db


def cards(response):
    return re.findall(r'<li class="card">\s*<h3>([^<]+)</h3>.*?<a href="([^"]+)"', response.content.decode(), re.S)


def test_anyone_can_browse_every_idea(client):
    response = client.get("/ideas/")
    assert response.status_code == 200
    assert [title for title, _ in cards(response)] == [html.escape(i.title) for i in Idea.objects.current().in_order()]
    assert len(cards(response)) >= 40
    assert "My private answer" not in response.content.decode()


def test_it_filters_by_category(client):
    response = client.get("/ideas/?category=touch")
    touch = Idea.objects.current().in_order().filter(category__slug="touch")
    assert [title for title, _ in cards(response)] == [html.escape(i.title) for i in touch]
    assert [url for _, url in cards(response)][:2] == ["/ideas/touch/1/", "/ideas/touch/2/"]
    unknown = client.get("/ideas/?category=<b>", follow=True)
    assert unknown.redirect_chain == [("/ideas/", 302)] and len(cards(unknown)) == Idea.objects.current().count()


def test_htmx_gets_the_list_fragment(client):
    response = client.get("/ideas/?category=dates", headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<section id="ideas"')
    assert "HX-Request" in response["Vary"]


def test_signed_in_people_see_only_their_own_answers(pain_client, support_client, partner_with_pain):
    idea = Idea.objects.in_order().first()
    mark(partner_with_pain, idea, "maybe")
    assert "My private answer: <strong>Maybe</strong>" in pain_client.get("/ideas/").content.decode()
    assert "My private answer" not in support_client.get("/ideas/").content.decode()


def test_every_category_has_at_least_six_ideas_and_all_are_gentle():
    for category in IdeaCategory.objects.all():
        assert category.ideas.count() >= 6, category.slug
    for idea in Idea.objects.all():
        assert idea.gentle_note
        assert "work up to" not in idea.description.lower() and "penetrat" not in idea.title.lower()
        if idea.two_sided:
            assert idea.give_label and idea.receive_label
        if not idea.no_genital_touch:
            assert not idea.flare_friendly, idea.slug


def test_query_count_is_fixed(client, pain_client, partner_with_pain, django_assert_num_queries):
    with django_assert_num_queries(2):  # the kinds and the ideas, rendered into the list everyone sees, kept
        client.get("/ideas/")
    for idea in Idea.objects.all():
        mark(partner_with_pain, idea, "yes")
    with django_assert_num_queries(4):  # user, marks, and the signed-in list's kinds and ideas, this once
        pain_client.get("/ideas/")
    with django_assert_num_queries(2):  # then only the reader's own: user, marks
        pain_client.get("/ideas/")
