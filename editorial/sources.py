"""A cited source as pages show it (stored as JSON by the loaders, see editorial.files.SOURCE)."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    url: str
    date: datetime.date  # the first of the month when the page shows only a month
    date_label: str
    month_only: bool = False

    @classmethod
    def from_stored(cls, stored):
        shown = stored["date"]
        month_only = len(shown) == 7
        date = datetime.date.fromisoformat(f"{shown}-01" if month_only else shown)
        return cls(**{**stored, "date": date, "month_only": month_only})

    @property
    def shown_date(self):
        return f"{self.date:%B %Y}" if self.month_only else f"{self.date:%-d %B %Y}"
