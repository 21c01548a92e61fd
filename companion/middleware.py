import time

from django.conf import settings
from django.utils.cache import patch_cache_control


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
