"""Slowing down passphrase guessing without letting anyone lock someone else out.

- Only failures count; a success clears them.
- Failures for a name slow down further tries from the same place, with growing
  delays (never a hard lock): the same address, or, for a browser that has
  signed in as that name before, that browser. So someone guessing at a known
  name, even on the same home network, never stops its owner's own phone.
- Each address also has a cap on failures across all names.
- A throttled try is answered before any passphrase is checked (no hashing).
Sign-in, the admin sign-in and the recovery page all use this.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing
from django.db.models import F
from django.utils import timezone

from . import names
from .http import client_ip
from .models import FailedSignIns, RateLimit

FREE_TRIES = 5
FIRST_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 15 * 60
ADDRESS_WINDOW_SECONDS = 15 * 60
ADDRESS_FAILURES = 30
DEVICE_COOKIE = "companion_device"
DEVICE_COOKIE_AGE = 365 * 24 * 60 * 60


def _digest(*parts):
    return hmac.new(settings.SECRET_KEY.encode(), "|".join(parts).encode(), hashlib.sha256).hexdigest()


def _trusted_device(request, username):
    """This browser's id if it has signed in as this name before, else None."""
    try:
        device = signing.loads(request.COOKIES.get(DEVICE_COOKIE, ""), salt="partners.device")
    except signing.BadSignature:
        return None
    names_here = device.get("names", []) if isinstance(device, dict) else []
    return device.get("id") if _digest("name", names.name_key(username))[:16] in names_here else None


def _place(request, username):
    device = _trusted_device(request, username)
    return ("device", device) if device else ("address", client_ip(request))


def _row_key(request, username):
    kind, where = _place(request, username)
    return _digest("signin", kind, str(where), names.name_key(username))


def delay_for(failures):
    if failures < FREE_TRIES:
        return 0
    return min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_TRIES), MAX_DELAY_SECONDS)


def wait_seconds(request, username):
    """How long this person must wait before trying this name again; 0 to go ahead."""
    if _place(request, username)[0] == "address":
        if RateLimit.attempts("signin-failures-ip", client_ip(request), window_seconds=ADDRESS_WINDOW_SECONDS) >= ADDRESS_FAILURES:
            return ADDRESS_WINDOW_SECONDS
    row = FailedSignIns.objects.filter(key=_row_key(request, username)).first()
    if row is None:
        return 0
    ready_at = row.last_failed_at + timezone.timedelta(seconds=delay_for(row.failures))
    return max(0, int((ready_at - timezone.now()).total_seconds()) + 1) if ready_at > timezone.now() else 0


def record_failure(request, username):
    RateLimit.hit("signin-failures-ip", client_ip(request), window_seconds=ADDRESS_WINDOW_SECONDS)
    key, now = _row_key(request, username), timezone.now()
    FailedSignIns.objects.filter(last_failed_at__lt=now - RateLimit.KEPT_FOR).delete()
    if not FailedSignIns.objects.filter(key=key).update(failures=F("failures") + 1, last_failed_at=now):
        FailedSignIns.objects.get_or_create(key=key, defaults={"failures": 1, "last_failed_at": now})


def record_success(request, response, username):
    """Clear this place's failures for the name, and remember this browser as one that signs in as it."""
    FailedSignIns.objects.filter(key=_row_key(request, username)).delete()
    try:
        device = signing.loads(request.COOKIES.get(DEVICE_COOKIE, ""), salt="partners.device")
    except signing.BadSignature:
        device = {}
    if not isinstance(device, dict) or not isinstance(device.get("names"), list):
        device = {}
    known = [name for name in device.get("names", []) if isinstance(name, str)][-4:]
    name = _digest("name", names.name_key(username))[:16]
    value = {"id": device.get("id") or secrets.token_urlsafe(12), "names": [*dict.fromkeys([*known, name])]}
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(value, salt="partners.device"),
        max_age=DEVICE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def wait_message(seconds):
    minutes = (seconds + 59) // 60
    when = "a minute" if minutes <= 1 else f"{minutes} minutes"
    return f"Too many tries. Please wait {when}, then try again. Your account is safe."
