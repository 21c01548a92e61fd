"""Dates people read are in their own time zone.

A signed-in page tells site.js which zone it was drawn in (`data-zone` on <html>); when the browser's own zone
differs, site.js keeps it in the `tz` cookie, and from the next page on every date is drawn in it. A browser that
has not said (no JavaScript, or signed out) gets settings.TIME_ZONE. Reading pages show no time of day, so the
cookie is set only for signed-in people.
"""

import functools
import zoneinfo

from django.utils import timezone
from django.utils.deprecation import MiddlewareMixin

COOKIE = "tz"


@functools.cache
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_named(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone a cookie names, or None for anything that is not a known zone name (never a file path)."""
    return zoneinfo.ZoneInfo(name) if name in known_zones() else None


class BrowserTimeZoneMiddleware(MiddlewareMixin):
    def process_request(self, request):
        zone = zone_named(request.COOKIES.get(COOKIE, ""))
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)

    def process_response(self, request, response):
        timezone.deactivate()  # the page is drawn by now; nothing after it on this thread inherits the zone
        return response
