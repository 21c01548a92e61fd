"""First load of every page stays within 30 KB as served to a browser: the HTML as the app sends it (a kept page
as Brotli, any other gzipped by the middleware) plus the CSS and JS, as collectstatic compresses them (Brotli)."""

import gzip
import re

import brotli
import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET = 30 * 1024
PAGES = [
    "/",
    "/what-to-do/",
    "/what-can-help/",
    "/for-partners/",
    "/support/",
    "/privacy/",
    "/library/",
    "/library/endometriosis/",
    "/where-does-it-hurt/",
    "/appointment/",
    "/talk/",
    "/talk/first-talk/",
    "/talk/first-talk/2/",
    "/talk/first-talk/2/pause/",
    "/ideas/",
    "/ideas/all/1/",
    "/account/sign-up/",
    "/programme/",
    "/programme/touch-without-a-goal/",
    "/programme/touch-without-a-goal/hands-arms-and-face/",
    "/programme/solo/",
    "/programme/solo/relaxation/",
    "/programme/solo/insertion-steps/",
    "/library/find/",
    "/seeing-a-doctor/",
    "/getting-tested/",
    "/contraception/",
    "/after-a-birth/",
    "/after-surgery-or-cancer/",
    "/medicines-and-dryness/",
    "/looking-after-your-mind/",
    "/support/sources/",
    "/programme/solo/insertion-steps/sources/",
]
SIGNED_IN_PAGES = [
    "/account/",
    "/account/locked/",
    "/pair/",
    "/together/",
    "/ideas/both-of-us/",
    "/ideas/all/1/",
    "/ideas/",
    "/programme/",
    "/programme/now/",
    "/programme/touch-without-a-goal/hands-arms-and-face/",
    "/programme/solo/insertion-steps/",
    "/support/",
    "/seeing-a-doctor/",
    "/library/vulvodynia/",
    "/support/sources/",
]


BROWSER = {"Accept-Encoding": "gzip, deflate, br"}


def first_load_bytes(client, path):
    client.get(path)  # a page that can be kept is kept now, and sent as Brotli from here on
    total = len(client.get(path, headers=BROWSER).content)
    for asset in re.findall(rb'(?:src|href)="/static/([^"]+\.(?:css|js|svg))"', client.get(path).content):
        with open(finders.find(asset.decode()), "rb") as f:
            total += len(brotli.compress(f.read()))
    return total


@pytest.mark.parametrize("path", PAGES)
def test_first_load_is_within_budget(client, path):
    assert first_load_bytes(client, path) <= BUDGET


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_first_load_is_within_budget(pain_client, path):
    assert first_load_bytes(pain_client, path) <= BUDGET


@pytest.mark.parametrize(
    "path", ["/talk/first-talk/2/", "/ideas/all/2/", "/library/?where=deep", "/ideas/?category=touch"]
)
def test_htmx_fragments_are_small(client, path):
    fragment = client.get(path, headers={"HX-Request": "true"}).content
    assert len(gzip.compress(fragment, 9)) <= 8 * 1024


def test_together_and_mark_fragments_are_small(pain_client, pair):
    from conversations.models import Idea, TogetherSession

    TogetherSession.objects.create(pair=pair)
    card = pain_client.get("/together/poll/?v=0", headers={"HX-Request": "true"}).content
    assert b'id="together-card"' in card  # the real card, not an empty 204
    mark = pain_client.post(
        "/marks/", {"idea": Idea.objects.first().slug, "choice": "y"}, headers={"HX-Request": "true"}
    ).content
    assert len(gzip.compress(card, 9)) <= 8 * 1024
    assert len(gzip.compress(mark, 9)) <= 8 * 1024


def test_the_measure_counts_scripts_and_styles(client):
    html_only = len(gzip.compress(client.get("/").content, 9))
    assert first_load_bytes(client, "/") > html_only + 10_000  # htmx alone is ~16 KB compressed
