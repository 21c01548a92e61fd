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


def listed_under(report, heading):
    """The lines of one part of the report."""
    part = report.split(f"{heading}: ", 1)[1].split("\n")[1:]
    return [line.strip() for line in part[: next(n for n, line in enumerate(part) if not line.startswith("  "))]]


def test_nothing_is_overdue_on_the_review_day_but_everything_is_a_year_later():
    on_the_day = content_report("2026-12-02")
    assert "Pages due for review: 0" in on_the_day
    later = content_report("2028-01-01")
    assert "/library/vaginismus/  due 2027-" in later and "/support/  due" in later


def test_it_lists_old_and_undated_sources_and_pages_with_nothing_current():
    page = Page.objects.get(slug="support")
    page.sources = [
        {
            "publisher": "Old",
            "title": "An old leaflet",
            "url": "https://example.org/old",
            "date": "2020-01",
            "date_label": "Published",
            "checked_on": "2026-12-02",
        },
        {
            "publisher": "Undated",
            "title": "A page with no date",
            "url": "https://example.org/undated",
            "date": None,
            "checked_on": "2026-12-02",
        },
    ]
    page.save()
    report = content_report(datetime.date(2026, 12, 2))
    assert "/support/  Old, An old leaflet (January 2020)" in report
    assert "/support/  Undated, A page with no date (checked 2026-12-02)" in report
    # An undated page never makes a page current, however recently we looked at it.
    assert "/support/" in listed_under(report, "Pages with no source dated within three years")


def test_a_source_stops_being_current_three_years_after_its_own_date():
    page = Page.objects.get(slug="support")
    page.sources = [
        {
            "publisher": "New",
            "title": "A new page",
            "url": "https://example.org/",
            "date": "2024-03-01",
            "date_label": "Published",
            "checked_on": "2026-12-02",
        }
    ]
    page.save()
    assert "/support/  New" not in content_report(datetime.date(2027, 2, 28))
    assert "/support/  New, A new page (1 March 2024)" in content_report(datetime.date(2027, 3, 2))


def test_it_lists_open_problem_reports_only():
    ProblemReport.objects.create(page="/support/", text="A number is out of date.")
    ProblemReport.objects.create(page="/what-to-do/", text="Already fixed.", resolved=True)
    output = content_report("2026-11-26")
    assert (
        "Open problem reports: 1" in output and "A number is out of date." in output and "Already fixed." not in output
    )
