import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect


class SignedInPrivacyMiddleware:
    """Signed-in responses are never stored by a browser or proxy cache, and a
    signed-in session ends after SESSION_COOKIE_AGE of inactivity. The expiry is
    refreshed at most every SESSION_REFRESH_SECONDS, so polling is not a write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            now = int(time.time())
            if now - request.session.get("seen_at", 0) >= settings.SESSION_REFRESH_SECONDS:
                request.session["seen_at"] = now
        return response


# Features this site never uses, switched off for every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
        "screen-wake-lock", "serial", "sync-xhr", "usb", "xr-spatial-tracking", "browsing-topics",
    ]
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class HtmxSignInMiddleware:
    """An htmx request from someone signed out (a poll, a mark, a move) gets a client redirect to sign in,
    coming back to the page they were on; never a whole sign-in page swapped into a fragment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "htmx", False) and response.status_code == 302:
            sign_in = resolve_url(settings.LOGIN_URL)
            if urlsplit(response["Location"]).path == sign_in:
                back_to = request.htmx.current_url_abs_path or "/"
                return HttpResponseClientRedirect(f"{sign_in}?{urlencode({'next': back_to})}")
        return response
