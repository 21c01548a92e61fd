"""Library pages that are not about one condition: What to do together, What can help now, and the rest."""

import pytest

from conditions.models import Page
from conditions.tests.test_content import NEW_TOPICS
from conditions.urgent import WARNING_SIGNS

pytestmark = pytest.mark.django_db

PAGES = ["what-to-do", "what-can-help", "for-partners", "support", *NEW_TOPICS]


@pytest.mark.parametrize("slug", PAGES)
def test_it_works_with_sources_and_an_honest_review_line(client, slug):
    page = Page.objects.get(slug=slug)
    content = client.get(f"/{slug}/").content.decode()
    assert f"<h1>{page.title}</h1>" in content
    assert len(page.source_list) >= 3
    assert f'href="/{slug}/sources/"' in content
    assert f"we checked it against {len(page.source_list)} sources, on {page.reviewed_on:%-d %B %Y}" in content
    assert "No clinician has reviewed it yet" in content
    assert f"<title>Library · {page.title} · Companion</title>" in content  # distinct, and no condition named


def test_what_to_do_shows_the_warning_signs_and_support(client):
    content = client.get("/what-to-do/").content.decode()
    assert 'id="warning-signs"' in content
    assert WARNING_SIGNS[0].label in content
    assert 'href="/support/"' in content


def test_support_page_keeps_quick_exit_one_tap_away_and_names_the_emergency_number(client):
    content = client.get("/support/").content.decode()
    assert "data-quick-exit" in content
    assert "999" in content and "local emergency number" in content
    assert "Jo's" not in content and "jostrust" not in content


def test_every_page_links_support_in_the_footer(client):
    for path in ["/", "/library/", "/talk/first-talk/1/pause/", "/ideas/"]:
        assert 'href="/support/"' in client.get(path).content.decode(), path


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and b"We couldn't find that page" in response.content


def test_query_count_is_fixed(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/what-can-help/")
