"""A source's own date is never the day we looked: the loader refuses dishonest or broken sources, naming the line."""

import datetime
import re

import pytest
from django.core.management import CommandError

from conditions.models import Page
from editorial.sources import Source, not_a_source

from .conftest import load

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
GOOD_SOURCE = """  - title: Vaginismus
    publisher: NHS
    url: https://www.nhs.uk/conditions/vaginismus/
    date: 2024-03-01
    date_label: Page last reviewed
    checked_on: {today}
"""
UNDATED_SOURCE = """  - publisher: Brook
    title: Contraception
    url: https://www.brook.org.uk/topics/contraception/
    date: null
    checked_on: {today}
"""
PAGE = """---
slug: a-test-page
title: A test page
summary: A page only this test writes.
shelf: health
order: 9
reviewed_on: {today}
next_review_on: 2099-01-01
sources:
{sources}---

Some words.
"""


def write_page(content, *sources):
    text = PAGE.format(today=TODAY, sources="".join(source.format(today=TODAY) for source in sources))
    (content / "conditions/pages/a-test-page.md").write_text(text)
    return text.split("\n")


def test_an_undated_source_loads_as_undated_with_the_day_it_was_checked(content):
    write_page(content, GOOD_SOURCE, UNDATED_SOURCE)
    load()
    dated, undated = Page.objects.get(slug="a-test-page").source_list
    assert (dated.date, dated.precision, dated.shown_date) == (datetime.date(2024, 3, 1), "day", "1 March 2024")
    assert (undated.date, undated.date_label, undated.checked_on) == (None, "", TODAY)
    assert not undated.is_current(TODAY) and dated.is_current(datetime.date(2027, 2, 28))
    assert not dated.is_current(datetime.date(2027, 3, 2))


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("    publisher: NHS\n", "", "missing field 'publisher'"),
        ("    url: https://www.nhs.uk/conditions/vaginismus/\n", "", "missing field 'url'"),
        (
            "    url: https://www.nhs.uk/conditions/vaginismus/",
            "    url: www.nhs.uk/vaginismus",
            "must be a full https:// link",
        ),
        ("    date: 2024-03-01\n", "", "missing field 'date'"),
        ("    date: 2024-03-01", "    date:", "'date' is empty"),
        ("    date: 2024-03-01", "    date: 1 March 2024", "'date' must be the page's own date"),
        ("    date: 2024-03-01", "    date: 2099-01-01", "'date' 2099-01-01 is in the future"),
        ("    checked_on: {today}\n", "", "missing field 'checked_on'"),
        ("    checked_on: {today}", "    checked_on: 2099-01-01", "'checked_on' 2099-01-01 is in the future"),
        ("    checked_on: {today}", "    checked_on: 2024-01-01", "is after 'checked_on' 2024-01-01"),
        ("    date_label: Page last reviewed\n", "", "'date_label' must say what the date is"),
        (
            "    date_label: Page last reviewed",
            "    date_label: No date shown on the page; checked",
            "write 'date: null'",
        ),
        (
            "    date: 2024-03-01\n    date_label: Page last reviewed",
            "    date: null\n    date_label: Published",
            "has no 'date_label'",
        ),
        ("https://www.nhs.uk/conditions/vaginismus/", "https://www.scribd.com/document/1/vaginismus", "is a copy site"),
        ("https://www.nhs.uk/conditions/vaginismus/", "https://www.derryjournal.com/health/x", "is a newspaper"),
        ("https://www.nhs.uk/conditions/vaginismus/", "https://bbc.co.uk./news/health", "is a newspaper"),
        (
            "https://www.nhs.uk/conditions/vaginismus/",
            "https://web.archive.org/web/2020/https://www.scribd.com/doc/1",
            "is a copy site",
        ),
        ("    date: 2024-03-01\n", "    date: 2024-03-01\n    date: null\n", "'date' is given twice"),
        ("    checked_on: {today}", "    checked_on: 20261126", "'checked_on' must be a date like"),
    ],
)
def test_a_broken_source_fails_with_its_file_and_line_and_loads_nothing(content, old, new, message):
    broken = GOOD_SOURCE.replace(old, new)
    assert broken != GOOD_SOURCE
    lines = write_page(content, UNDATED_SOURCE, broken)
    first = lines.index("  - title: Vaginismus") + 1
    record_lines = range(first, first + broken.count("\n"))
    with pytest.raises(CommandError) as error:
        load()
    named = re.search(rf"pages/a-test-page\.md:(\d+): [^\n]*{re.escape(message)}", str(error.value))
    assert named, str(error.value)
    assert int(named.group(1)) in record_lines  # the broken source's own lines, not the page's first line
    assert not Page.objects.filter(slug="a-test-page").exists()


def test_an_undated_copy_is_refused_too(content):
    copy = UNDATED_SOURCE.replace("https://www.brook.org.uk/topics/contraception/", "https://www.scribd.com/doc/2")
    write_page(content, GOOD_SOURCE, copy)
    with pytest.raises(CommandError, match="is a copy site"):
        load()


def test_each_date_precision_is_shown_as_the_page_shows_it():
    stored = {
        "publisher": "P",
        "title": "T",
        "url": "https://example.org/",
        "date_label": "Published",
        "checked_on": "2026-12-02",
    }
    assert Source.from_stored({**stored, "date": "2024-03"}).shown_date == "March 2024"
    assert Source.from_stored({**stored, "date": "2024"}).shown_date == "2024"
    assert Source.from_stored({**stored, "date": None}).shown_date == ""


def test_copies_and_newspapers_are_never_sources_but_their_namesakes_are():
    assert not_a_source("https://www.scribd.com/doc/1") == "copy site"
    assert not_a_source("https://docslib.org/doc/1") == "copy site"
    assert not_a_source("https://www.derryjournal.com/x") == "newspaper"
    assert not_a_source("https://www.nhs.uk/conditions/vaginismus/") is None
    assert not_a_source("https://notscribd.com/") is None
    assert not_a_source("https://www.scribd.com.:443/doc") == "copy site"  # a trailing dot is the same host
    assert (
        not_a_source("https://web.archive.org/web/2024/https://www.nhs.uk/") == "archive copy"
    )  # cite the page itself
