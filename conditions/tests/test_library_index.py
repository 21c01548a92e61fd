import datetime

import pytest

from conditions.models import Page

pytestmark = pytest.mark.django_db

SLUGS = ["vaginismus", "vulvodynia", "hormonal-changes", "endometriosis", "pelvic-floor-dysfunction"]


def test_it_lists_the_five_conditions_in_order(client):
    response = client.get("/library/")
    assert response.status_code == 200
    content = response.content.decode()
    positions = [content.index(f'href="/library/{slug}/"') for slug in SLUGS]
    assert positions == sorted(positions)


def test_it_compares_where_and_how_it_feels(client):
    response = client.get("/library/")
    condition = response.context["conditions"][0]
    content = response.content.decode()
    assert f"<dd>{condition.feels_like_short}</dd>" in content
    assert f"<dd>{condition.get_where_felt_display()}</dd>" in content


def test_it_filters_by_where_it_hurts(client):
    deep = client.get("/library/?where=deep").context["conditions"]
    assert {c.slug for c in deep} >= {"endometriosis"}
    assert all(c.where_felt in {"deep", "both"} for c in deep)
    entrance = client.get("/library/?where=entrance").context["conditions"]
    assert "vulvodynia" in {c.slug for c in entrance}
    assert all(c.where_felt in {"entrance", "both"} for c in entrance)


def test_an_unknown_filter_leads_to_the_whole_library(client):
    response = client.get("/library/?where=%3Cscript%3E", follow=True)
    assert response.redirect_chain == [("/library/", 302)]
    assert len(response.context["conditions"]) == 5
    assert b"<script>" not in response.content


def test_htmx_gets_only_the_library_fragment(client):
    response = client.get("/library/?where=deep", headers={"HX-Request": "true"})
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="library"')
    assert "<html" not in content
    assert "Endometriosis" in content


def test_it_vary_caches_on_htmx(client):
    response = client.get("/library/")
    assert "HX-Request" in response.get("Vary", "")


def test_query_count_is_fixed(client, django_assert_num_queries, make_condition, publish):
    with django_assert_num_queries(2):  # the conditions, then the other pages
        client.get("/library/")
    for n in range(10):
        make_condition(f"extra-{n}")
        Page.objects.create(
            slug=f"extra-{n}",
            title=f"Extra {n}",
            summary="S.",
            body="B.",
            shelf=Page.Shelf.HEALTH,
            reviewed_on=datetime.date(2026, 12, 2),
            next_review_on=datetime.date(2027, 12, 2),
        )
    publish()
    with django_assert_num_queries(2):
        response = client.get("/library/")
    assert len(response.context["conditions"]) == 15


def test_every_other_page_is_on_a_shelf_in_order(client):
    shelves = client.get("/library/").context["shelves"]
    assert [label for label, _ in shelves] == [label for _, label in Page.Shelf.choices]
    shelved = [page.slug for _, pages in shelves for page in pages]
    assert sorted(shelved) == sorted(Page.objects.values_list("slug", flat=True))
    content = client.get("/library/").content.decode()
    positions = [content.index(f'href="/{slug}/"') for slug in shelved]
    assert positions == sorted(positions)
    together = dict(shelves)["Living with it together"]
    assert [page.slug for page in together] == ["what-to-do", "what-can-help", "for-partners"]


def test_it_links_to_finding_a_topic(client):
    assert 'href="/library/find/"' in client.get("/library/").content.decode()


def test_post_is_not_allowed(client):
    assert client.post("/library/").status_code == 405
