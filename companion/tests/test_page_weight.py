"""First load of every page (HTML + CSS + JS, gzip-compressed) stays within 40 KB."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET = 40 * 1024
PAGES = ["/", "/what-to-do/", "/privacy/", "/library/", "/library/endometriosis/", "/where-does-it-hurt/", "/appointment/",
         "/talk/", "/talk/first-talk/", "/talk/first-talk/2/", "/talk/first-talk/2/pause/"]


def first_load_bytes(client, path):
    html = client.get(path).content
    total = len(gzip.compress(html, 9))
    for asset in re.findall(rb'(?:src|href)="/static/([^"]+\.(?:css|js|svg))"', html):
        with open(finders.find(asset.decode()), "rb") as f:
            total += len(gzip.compress(f.read(), 9))
    return total


@pytest.mark.parametrize("path", PAGES)
def test_first_load_is_within_budget(client, path):
    assert first_load_bytes(client, path) <= BUDGET


def test_a_step_fragment_is_small(client):
    fragment = client.get("/talk/first-talk/2/", headers={"HX-Request": "true"}).content
    assert len(gzip.compress(fragment, 9)) <= 8 * 1024


def test_the_measure_counts_scripts_and_styles(client):
    html_only = len(gzip.compress(client.get("/").content, 9))
    assert first_load_bytes(client, "/") > html_only + 10_000  # htmx alone is ~16 KB compressed
