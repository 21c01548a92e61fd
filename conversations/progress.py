"""Where this browser got to in each script: a signed cookie, no account, nothing on the server."""

import json

from django.conf import settings

COOKIE = "talk_progress"
SALT = "conversations.progress"
MAX_AGE = 60 * 60 * 24 * 90  # 90 days


def read(request):
    """{slug: {"step": int, "done": bool}}; anything unreadable counts as no progress."""
    raw = request.get_signed_cookie(COOKIE, default=None, salt=SALT)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        slug: {"step": entry["step"], "done": bool(entry.get("done"))}
        for slug, entry in data.items()
        if isinstance(slug, str) and isinstance(entry, dict) and isinstance(entry.get("step"), int)
    }


def remember(response, progress):
    response.set_signed_cookie(
        COOKIE,
        json.dumps(progress, separators=(",", ":")),
        salt=SALT,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(response):
    response.delete_cookie(COOKIE, samesite="Lax")
