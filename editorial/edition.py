"""The live content edition, read from the database at most every CONTENT_EDITION_RECHECK_SECONDS per process.

Every app server shares the database, so a `load_content` run anywhere reaches every server within that time,
whatever cache backend the pages are kept in.
"""

import datetime
import time
from typing import TypedDict

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Edition

NONE_YET = (0, datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))


class _Known(TypedDict):
    edition: tuple[int, datetime.datetime] | None  # (number, published_at), None until read
    read_at: float  # time.monotonic() when it was read


_known: _Known = {"edition": None, "read_at": 0.0}


def needs_reading():
    """True when this process must ask the database before trusting its edition (the only query it costs)."""
    return _known["edition"] is None or time.monotonic() - _known["read_at"] >= settings.CONTENT_EDITION_RECHECK_SECONDS


def current():
    """(number, published_at) of the live edition, or None while the database cannot say (nothing is cached then)."""
    if needs_reading():
        try:
            row = Edition.objects.filter(pk=1).values_list("number", "published_at").first()
        except DatabaseError:  # e.g. not migrated yet: pages are simply rendered, never kept
            return None
        _known.update({"edition": row or NONE_YET, "read_at": time.monotonic()})
    return _known["edition"]


def start_new():
    """A new edition, from now; this process sees it at once when the load commits, the others within the recheck time."""
    now = timezone.now().replace(microsecond=0)  # HTTP dates have whole seconds
    if not Edition.objects.filter(pk=1).update(number=F("number") + 1, published_at=now):
        Edition.objects.create(pk=1, number=1, published_at=now)
    forget()
    transaction.on_commit(forget)


def forget():
    _known.update({"edition": None, "read_at": 0.0})
