"""manage.py content_report: overdue reviews, old sources, open problem reports."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from companion.models import ProblemReport
from conditions.models import Page

pytestmark = pytest.mark.django_db


def content_report(today):
    out = StringIO()
    call_command("content_report", f"--today={today}", stdout=out)
    return out.getvalue()


def test_nothing_is_overdue_on_the_review_day_but_everything_is_a_year_later():
    on_the_day = content_report("2026-11-26")
    assert "Pages due for review: 0" in on_the_day
    later = content_report("2028-01-01")
    assert "/library/vaginismus/  due 2027-11-26" in later and "/support/  due" in later


def test_it_lists_sources_older_than_three_years():
    page = Page.objects.get(slug="support")
    page.sources = [*page.sources, {"publisher": "Old", "title": "An old leaflet", "url": "https://example.org/",
                                    "date": "2020-01-01", "date_label": "Published"}]
    page.save()
    assert "/support/  Old, An old leaflet (2020-01-01)" in content_report(datetime.date(2026, 11, 26))


def test_it_lists_open_problem_reports_only():
    ProblemReport.objects.create(page="/support/", text="A number is out of date.")
    ProblemReport.objects.create(page="/what-to-do/", text="Already fixed.", resolved=True)
    output = content_report("2026-11-26")
    assert "Open problem reports: 1" in output and "A number is out of date." in output and "Already fixed." not in output
