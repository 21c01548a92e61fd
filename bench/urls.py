from django.http import HttpResponse
from django.urls import path

from companion.urls import handler404, handler500  # noqa: F401
from companion.urls import urlpatterns as site_urlpatterns

_BODIES = {}


def floor(request, size):
    """A bare view: a body of `size` bytes from memory, through the same middleware."""
    body = _BODIES.get(size)
    if body is None:
        body = _BODIES.setdefault(size, b"x" * min(size, 1_000_000))
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("__floor__/<int:size>/", floor), *site_urlpatterns]
