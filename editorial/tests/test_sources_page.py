"""Each page's sources, on a page of their own: every source with its own date (or none) and the day we read it."""

import re

import pytest
from django.utils.html import escape

from conditions.models import Condition, Page
from programme.models import SoloGuide, Stage

pytestmark = pytest.mark.django_db


def every_reviewed_item():
    return [*Condition.objects.all(), *Page.objects.all(), *Stage.objects.all(), *SoloGuide.objects.all()]


def test_every_page_links_to_its_sources_and_they_list_each_with_both_dates(client):
    for item in every_reviewed_item():
        url = f"{item.get_absolute_url()}sources/"
        assert f'href="{url}"' in client.get(item.get_absolute_url()).content.decode(), item.slug
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert f'href="{item.get_absolute_url()}"' in content  # back to the page
        for source in item.source_list:
            shown = f"{source.date_label} {source.shown_date}" if source.date else "No date shown on the page"
            line = f'{escape(source.publisher)}, <a href="{escape(source.url)}" rel="noreferrer">{escape(source.title)}</a>. '
            assert f"{line}{escape(shown)}; we checked it on {source.checked_on:%-d %B %Y}.</li>" in content, (
                url,
                source.title,
            )
        assert "No clinician has reviewed it yet" in content


def test_an_unknown_page_has_no_sources_page(client):
    for url in (
        "/library/no-such-thing/sources/",
        "/no-such-page/sources/",
        "/programme/no-such-stage/sources/",
        "/programme/solo/no-such-guide/sources/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_tab_stays_discreet_and_only_reading_is_allowed(client):
    response = client.get("/library/vaginismus/sources/")
    content = response.content.decode()
    assert re.search(r"<title>Sources · Library · Condition \d · Companion</title>", content)
    assert "Vaginismus" not in content.split("</title>")[0]
    assert client.post("/library/vaginismus/sources/").status_code == 405
    assert client.head("/support/sources/").status_code == 200


def test_query_count_is_fixed(client, django_assert_max_num_queries):
    client.get("/support/sources/")
    with django_assert_max_num_queries(1):  # one row, then kept as a shared page
        client.get("/library/endometriosis/sources/")
    with django_assert_max_num_queries(0):
        client.get("/support/sources/")
