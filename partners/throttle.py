"""Slowing down passphrase guessing without letting anyone lock someone else out.

- Only failures count; a success clears them.
- Failures for a name slow down further tries from the same place, with growing
  delays (never a hard lock): the same address (an IPv6 /64), or, for a browser that
  has signed in as that name before, that browser. So someone guessing at a known
  name, even on the same home network, never stops its owner's own phone.
- Each address (an IPv6 /48) also has a cap on failures across all names.
- Each name has a budget across all places: past NAME_FREE_FAILURES failures in an
  hour from places it does not know, every such place waits (growing delays) before
  trying it again. A browser that has signed in as it before never waits for this.
- Sign-in (and the admin sign-in) and recovery count apart (`purpose`), so someone
  failing to sign in as a name never holds up its owner's recovery.
- A throttled try is answered before any passphrase is checked (no hashing).
- The owner hears, at their next sign-in, how many wrong tries their name had since.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import F
from django.utils import timezone

from . import names
from .http import address_group, client_ip
from .models import FailedSignIns, RateLimit

FREE_TRIES = 5
FIRST_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 15 * 60
ADDRESS_WINDOW_SECONDS = 15 * 60
ADDRESS_FAILURES = 30
NAME_WINDOW_SECONDS = 60 * 60
NAME_FREE_FAILURES = 10
NOTICE_AFTER = 3  # fewer wrong tries than this are most likely the owner's own typing
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
    return ("device", device) if device else ("address", address_group(client_ip(request), 64))


def _address(request):
    return address_group(client_ip(request), 48)


def _row_key(request, username, purpose):
    kind, where = _place(request, username)
    return _digest(purpose, kind, str(where), names.name_key(username))


def _name_key(username, purpose):
    return _digest(purpose, "name", names.name_key(username))


def _unseen_key(username):
    return _digest("unseen", names.name_key(username))


def delay_for(failures, free=FREE_TRIES):
    if failures < free:
        return 0
    return min(FIRST_DELAY_SECONDS * 2 ** (failures - free), MAX_DELAY_SECONDS)


def _wait_after(row, free=FREE_TRIES):
    if row is None:
        return 0
    ready_at = row.last_failed_at + timedelta(seconds=delay_for(row.failures, free))
    return max(0, int((ready_at - timezone.now()).total_seconds()) + 1) if ready_at > timezone.now() else 0


def wait_seconds(request, username, purpose="signin"):
    """How long this person must wait before trying this name again; 0 to go ahead."""
    if _place(request, username)[0] == "address":
        if (
            RateLimit.attempts(f"{purpose}-failures-ip", _address(request), window_seconds=ADDRESS_WINDOW_SECONDS)
            >= ADDRESS_FAILURES
        ):
            return ADDRESS_WINDOW_SECONDS
        since = timezone.now() - timedelta(seconds=NAME_WINDOW_SECONDS)
        name_row = FailedSignIns.objects.filter(key=_name_key(username, purpose), last_failed_at__gte=since).first()
        if wait := _wait_after(name_row, NAME_FREE_FAILURES):
            return wait
    return _wait_after(FailedSignIns.objects.filter(key=_row_key(request, username, purpose)).first())


def _count(key, now, restart_before=None):
    """One more failure on this row; a row whose last failure is older than `restart_before` starts again at 1."""
    rows = FailedSignIns.objects.filter(key=key)
    if restart_before is not None and rows.filter(last_failed_at__lt=restart_before).update(
        failures=1, last_failed_at=now
    ):
        return
    if not rows.update(failures=F("failures") + 1, last_failed_at=now):
        FailedSignIns.objects.get_or_create(key=key, defaults={"failures": 1, "last_failed_at": now})


def record_failure(request, username, purpose="signin"):
    now = timezone.now()
    RateLimit.hit(f"{purpose}-failures-ip", _address(request), window_seconds=ADDRESS_WINDOW_SECONDS)
    FailedSignIns.objects.filter(last_failed_at__lt=now - RateLimit.KEPT_FOR).delete()
    _count(_row_key(request, username, purpose), now)
    _count(_unseen_key(username), now)
    if _place(request, username)[0] == "address":
        _count(_name_key(username, purpose), now, restart_before=now - timedelta(seconds=NAME_WINDOW_SECONDS))


def failures_since_last_sign_in(username):
    """Wrong tries for this name (passphrase or recovery code, from anywhere) since its last sign-in; then forgotten."""
    row = FailedSignIns.objects.filter(key=_unseen_key(username)).first()
    if row is None:
        return 0
    FailedSignIns.objects.filter(pk=row.pk).delete()
    return row.failures


def record_success(request, response, username):
    """Clear this place's failures for the name, and remember this browser as one that signs in as it."""
    FailedSignIns.objects.filter(key=_row_key(request, username, "signin")).delete()
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
