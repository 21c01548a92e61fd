import re

import pytest

from conditions.models import CONDITION_SECTIONS, Condition

pytestmark = pytest.mark.django_db


def test_it_works(client):
    response = client.get("/library/vaginismus/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Vaginismus</h1>" in content
    for heading in [*CONDITION_SECTIONS, "Questions to bring", "When to get help"]:
        assert heading in content
    assert "Report a problem with this page" in content


@pytest.mark.parametrize(
    "slug", ["vaginismus", "vulvodynia", "hormonal-changes", "endometriosis", "pelvic-floor-dysfunction"]
)
def test_every_page_has_dated_sources_review_dates_and_no_diagnosis_line(client, slug):
    condition = Condition.objects.get(slug=slug)
    content = client.get(f"/library/{slug}/").content.decode()
    sources = condition.source_list
    assert len(sources) >= 3
    assert f'href="/library/{slug}/sources/"' in content  # the list, with every date, is a tap away
    assert f"we checked it against {len(sources)} sources, on {condition.reviewed_on:%-d %B %Y}" in content
    assert f"Next review by {condition.next_review_on:%-d %B %Y}" in content
    assert "not a diagnosis" in content


def test_tab_title_is_discreet(client):
    content = client.get("/library/vaginismus/").content.decode()
    title = re.search(r"<title>(.*?)</title>", content).group(1)
    assert "aginismus" not in title


def test_unknown_condition_is_a_friendly_404(client):
    response = client.get("/library/not-a-condition/")
    assert response.status_code == 404
    assert b"We couldn't find that page" in response.content
    assert b"Quick exit" in response.content


def test_query_count_is_fixed(client, django_assert_num_queries, make_condition):
    make_condition("few", sources=1)
    many = make_condition("many", sources=12)
    with django_assert_num_queries(1):
        client.get("/library/few/")
    with django_assert_num_queries(1):
        response = client.get(f"/library/{many.slug}/")
    assert "against 12 sources" in response.content.decode()
    with django_assert_num_queries(1):
        response = client.get(f"/library/{many.slug}/sources/")
    assert response.content.decode().count("Publisher, ") == 12


def test_body_text_is_markdown_with_html_escaped(client, make_condition):
    make_condition("markup", **{"What it is": "A lead sentence:\n- one\n- <b>two</b>\n\n<script>alert(1)</script>"})
    content = client.get("/library/markup/").content.decode()
    assert "<p>A lead sentence:</p>\n<ul>\n<li>one</li>\n<li>&lt;b&gt;two&lt;/b&gt;</li>\n</ul>" in content
    assert "<script>alert(1)" not in content and "&lt;script&gt;alert(1)&lt;/script&gt;" in content
