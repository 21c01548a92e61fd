"""A cited source: what a page shows of it, and the rules a source must meet.

Files give each source its own date (`date`: the day, month or year the page
shows, or `null` when it shows none) and, apart, the day we opened it
(`checked_on`). Only a real date can make a source current.
"""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

CURRENT_FOR = datetime.timedelta(days=3 * 365)  # a source dated within this counts as current

# Never a source: copies of other publishers' documents, and newspapers. A journal
# paper is cited at its publisher, PubMed or PubMed Central.
NOT_A_SOURCE = {
    "copy site": (
        "scribd.com",
        "paperzz.com",
        "docslib.org",
        "jagomart.net",
        "readkong.com",
        "studocu.com",
        "coursehero.com",
        "yumpu.com",
        "dokumen.pub",
        "dokumen.tips",
        "pdfslide.net",
        "issuu.com",
        "slideshare.net",
        "documents.pub",
        "fdocuments.net",
        "vdocuments.net",
        "pdfcoffee.com",
    ),
    "newspaper": (
        "derryjournal.com",
        "dailymail.co.uk",
        "thesun.co.uk",
        "mirror.co.uk",
        "express.co.uk",
        "theguardian.com",
        "telegraph.co.uk",
        "independent.co.uk",
        "thetimes.co.uk",
        "metro.co.uk",
        "standard.co.uk",
        "bbc.co.uk",
        "bbc.com",
        "nationalworld.com",
        "walesonline.co.uk",
    ),
    "dictionary": ("rxlist.com", "merriam-webster.com", "dictionary.com", "collinsdictionary.com"),
}
# What writers once wrote in `date_label` when a page showed no date: now `date: null`.
NO_DATE_WORDS = re.compile(r"\b(no date|not dated|undated|checked|accessed|retrieved)\b", re.I)
SOURCE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Archives that wrap another page: the page inside is what is cited, so it is checked too.
WRAPPED = re.compile(r"^https?://(?:web\.)?archive\.org/web/[^/]*/(?P<inner>.+)$", re.I)


def parse_source_date(text):
    """'2024-03-01', '2024-03' or '2024' as (first day, precision); None for 'null'. Raises ValueError."""
    if text == "null":
        return None, None
    if not SOURCE_DATE.match(text):
        raise ValueError(text)
    precision = {4: "year", 7: "month", 10: "day"}[len(text)]
    return datetime.date.fromisoformat(
        {"year": f"{text}-01-01", "month": f"{text}-01", "day": text}[precision]
    ), precision


def not_a_source(url):
    """Why this link can never be a source ('copy site', 'newspaper', ...), or None."""
    if wrapped := WRAPPED.match(url):
        inner = wrapped["inner"]
        return not_a_source(inner if "://" in inner else f"https://{inner}") or "archive copy"
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for kind, domains in NOT_A_SOURCE.items():
        if any(host == domain or host.endswith("." + domain) for domain in domains):
            return kind
    return None


def problems(record, today):
    """What is wrong with one source as a file gives it (text values), as messages naming the field."""
    found = []
    if kind := not_a_source(record.get("url") or ""):
        found.append(f"{record['url']} is a {kind}, never a source: cite the publisher's own page")
    if record.get("date") is None:
        return found  # a missing or empty date is already reported by the field's own check
    try:
        date, precision = parse_source_date(record["date"])
    except ValueError:
        return [
            *found,
            f"'date' must be the page's own date (2024-03-01, 2024-03 or 2024), or null if it shows none, not {record.get('date')!r}",
        ]
    checked_on = record.get("checked_on")
    label = record.get("date_label") or ""
    if date is None and label:
        found.append("an undated source ('date: null') has no 'date_label'")
    if date is not None and not label:
        found.append("'date_label' must say what the date is on the page, e.g. 'Page last reviewed' or 'Published'")
    if NO_DATE_WORDS.search(label):
        found.append(
            f"'date_label' {label!r} says the page shows no date: write 'date: null' and keep the day you looked in 'checked_on'"
        )
    if date is not None and date > today:
        found.append(f"'date' {record['date']} is in the future")
    if checked_on and checked_on > today:
        found.append(f"'checked_on' {checked_on} is in the future")
    if date is not None and checked_on and date > checked_on:
        found.append(
            f"'date' {record['date']} is after 'checked_on' {checked_on}: a page cannot be dated after we read it"
        )
    return found


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    url: str
    date: datetime.date | None  # the first day of the month or year when the page shows only that
    precision: str | None  # "day", "month", "year", or None when the page shows no date
    date_label: str
    checked_on: datetime.date | None  # None only on a row loaded before sources had it, until load_content runs

    @classmethod
    def from_stored(cls, stored):
        date, precision = parse_source_date(stored.get("date") or "null")
        return cls(
            publisher=stored["publisher"],
            title=stored["title"],
            url=stored["url"],
            date=date,
            precision=precision,
            date_label=stored.get("date_label") or "",
            checked_on=datetime.date.fromisoformat(stored["checked_on"]) if stored.get("checked_on") else None,
        )

    @property
    def shown_date(self):
        if self.date is None:
            return ""
        assert self.precision is not None  # a dated source always has one (parse_source_date)
        return {"day": f"{self.date:%-d %B %Y}", "month": f"{self.date:%B %Y}", "year": f"{self.date:%Y}"}[
            self.precision
        ]

    def is_current(self, on):
        """Published or reviewed within three years of `on`; an undated page never is."""
        return self.date is not None and on - self.date <= CURRENT_FOR
