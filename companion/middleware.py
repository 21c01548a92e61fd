import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode, urlsplit

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render, resolve_url
from django.utils.cache import patch_cache_control
from django.utils.deprecation import MiddlewareMixin
from django_htmx.http import HttpResponseClientRedirect
from whitenoise.middleware import WhiteNoiseMiddleware  # type: ignore[import-untyped]  # ships no type hints

# Every middleware here works under both WSGI and ASGI, so a request that waits
# (a phone following a together session) holds no thread while it waits.


class SignedInPrivacyMiddleware(MiddlewareMixin):
    """Signed-in responses are never stored by a browser or proxy cache, and a
    signed-in session ends after SESSION_COOKIE_AGE of inactivity. The expiry is
    refreshed at most every SESSION_REFRESH_SECONDS, so polling is not a write;
    the account's last use (for the retention rule) moves on at most once a day."""

    def process_response(self, request, response):
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            now = int(time.time())
            if now - request.session.get("seen_at", 0) >= settings.SESSION_REFRESH_SECONDS:
                request.session["seen_at"] = now
                request.user.note_use()
        return response


# Features this site never uses, switched off for every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "sync-xhr",
        "usb",
        "xr-spatial-tracking",
        "browsing-topics",
    ]
)


class PermissionsPolicyMiddleware(MiddlewareMixin):
    def process_response(self, request, response):
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class HtmxSignInMiddleware(MiddlewareMixin):
    """An htmx request from someone signed out (a poll, a mark, a move) gets a client redirect to sign in,
    coming back to the page they were on; never a whole sign-in page swapped into a fragment."""

    def process_response(self, request, response):
        if getattr(request, "htmx", False) and response.status_code == 302:
            sign_in = resolve_url(settings.LOGIN_URL)
            if urlsplit(response["Location"]).path == sign_in:
                back_to = request.htmx.current_url_abs_path or "/"
                return HttpResponseClientRedirect(f"{sign_in}?{urlencode({'next': back_to})}")
        return response


class FormOnlyAddressMiddleware(MiddlewareMixin):
    """An address that only takes a form's button (a bookmark, a reload) gets a kind page, never a blank 405."""

    def process_response(self, request, response):
        if response.status_code == 405 and not response.content and request.method == "GET":
            page = render(request, "405.html", status=405)
            page["Allow"] = response["Allow"]
            return page
        return response


class AsyncCapable:
    """For a sync-only middleware class: under ASGI, call the subclass's `__acall__` (no thread of its own);
    under WSGI, the class's own `__call__`."""

    async_capable = True
    __acall__: Callable[[HttpRequest], Awaitable[HttpResponseBase]]  # each subclass's own

    def __init__(self, get_response):
        super().__init__(get_response)  # type: ignore[call-arg]  # a mixin: the middleware class after it takes this
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        return super().__call__(request)  # type: ignore[misc]  # likewise, that class's own __call__


class StaticFilesMiddleware(AsyncCapable, WhiteNoiseMiddleware):
    """WhiteNoise, able to pass requests on without a thread under ASGI (WhiteNoise's own is sync-only)."""

    async def __acall__(self, request):
        static_file = self.find_file(request.path_info) if self.autorefresh else self.files.get(request.path_info)
        if static_file is not None:
            return self.serve(static_file, request)
        return await self.get_response(request)


class CompressionMiddleware(AsyncCapable, GZipMiddleware):
    """Django's gzip (with its padding against BREACH) for every page not already compressed, without a thread
    of its own under ASGI. Below the static files, which whitenoise serves compressed already."""

    async def __acall__(self, request):
        return self.process_response(request, await self.get_response(request))  # type: ignore[misc]  # only under ASGI, where get_response is async
