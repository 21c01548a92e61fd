"""The one way a person's keys reach the code that needs them.

`keys.py` holds the primitives; this module holds their life in a request:
opening the data key (sign-up, sign-in, unlocking again, starting afresh),
remembering it in the session, reading it back, the pair key it opens, and
the steps every unlock is followed by. Views call one function here; every
model and sealed-record service below takes its key as an argument and never
reads it from a request or keeps it on an object.
"""

import base64
from typing import Any

from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from . import keys, registry
from .models import Membership, Pair, User
from .sessions import SESSION_ID

# What a person is told when the key the two partners share has not reached this phone yet.
PAIR_KEY_NOT_HERE_YET = "Nothing was shown yet: your partner's phone has not finished pairing. Please try again later."

SESSION_KEY = "_data_key"
BACKEND = "django.contrib.auth.backends.ModelBackend"


# --- The data key in the session -------------------------------------------------


def _session_sealing_key() -> bytes:
    return salted_hmac("companion.partners.keys.session", "session data key", algorithm="sha256").digest()


def _session_context(user: Any, request: HttpRequest) -> str:
    return f"session:{user.pk}:{request.session.get(SESSION_ID, '')}"


def remember(request: HttpRequest, user: Any, data_key: bytes) -> None:
    """The data key in this session only, sealed to it (so a copy of another session's cookie opens nothing)."""
    sealed = keys.seal(_session_sealing_key(), data_key, _session_context(user, request))
    request.session[SESSION_KEY] = base64.b64encode(sealed).decode()
    request._data_key = data_key  # type: ignore[attr-defined]
    request.__dict__.pop("_pair_key", None)  # a new data key may open another pair key


def data_key_or_none(request: HttpRequest) -> bytes | None:
    """The signed-in person's data key, from this session only; None when it holds none that opens."""
    user = request.user
    if not user.is_authenticated or not user.public_key:
        return None
    cached: bytes | bool | None = getattr(request, "_data_key", None)  # read once per request; False: none opens
    if cached is None:
        try:
            sealed = base64.b64decode(str(request.session.get(SESSION_KEY, "")), validate=True)
            cached = keys.unseal(_session_sealing_key(), sealed, _session_context(user, request))
            user.private_key_for(cached)  # the key must open this person's own key pair, or it is stale
        except (ValueError, keys.Unreadable):
            cached = False
        request._data_key = cached  # type: ignore[attr-defined]
    return cached if isinstance(cached, bytes) else None


def data_key(request: HttpRequest) -> bytes:
    """The signed-in person's data key; keys.KeysUnavailable (they are asked for the passphrase) without one."""
    key = data_key_or_none(request)
    if key is None:
        raise keys.KeysUnavailable
    return key


# --- The pair key ------------------------------------------------------------------


def pair_key(request: HttpRequest, membership: Membership, partner: Membership | None = None) -> bytes | None:
    """The pair key for the signed-in member, opened with the data key in their session (see open_pair_key), once
    per request. Raises keys.KeysUnavailable without a usable data key."""
    cached = getattr(request, "_pair_key", None)
    if cached is None or cached[0] != membership.pk:
        cached = (membership.pk, open_pair_key(data_key(request), membership, partner))
        request._pair_key = cached  # type: ignore[attr-defined]
    return cached[1]


def open_pair_key(data_key: bytes, membership: Membership, partner: Membership | None = None) -> bytes | None:
    """The pair key, or None while nobody has handed it to this member yet.

    Holding it, this hands it on to a partner (if given) who lacks one and whose key the pair pinned. Someone
    alone in their pair without a key (they were left behind, or started afresh before anyone joined) makes a
    new one, sealed to the public key of their own private key: never to a key read from the database, so
    nobody who can write to it is ever handed a key by emptying the copies."""
    if not membership.sealed_pair_key:
        _own_pair_key(data_key, membership)
    try:
        opened = membership.open_pair_key(data_key)
    except keys.Unreadable:
        opened = None
    if opened is not None and partner is not None and not partner.sealed_pair_key:
        membership.hand_pair_key_to_partner(opened, partner)
    return opened


@transaction.atomic
def _own_pair_key(data_key: bytes, membership: Membership) -> None:
    Pair.objects.select_for_update().filter(pk=membership.pair_id).first()
    members = list(Membership.objects.filter(pair_id=membership.pair_id))
    if len(members) == 1 and not members[0].sealed_pair_key:  # alone, and nobody made one a moment ago
        membership.make_own_pair_key(data_key)
    membership.refresh_from_db(fields=["sealed_pair_key", "key_pin"])


# --- Opening the keys, and what follows every opening -------------------------------


def sign_in(request: HttpRequest, user: User, passphrase: str) -> bytes | None:
    """Signs in with the passphrase just checked and opens the data key. None when the passphrase no longer opens
    it (an admin reset it, say): the person is signed in and asked to recover or start afresh (keys_locked)."""
    key = user.unlock(passphrase)
    login(request, user, backend=BACKEND)
    if key is not None:
        opened(request, user, key)
    return key


def signed_up(request: HttpRequest, user: User, data_key: bytes) -> None:
    """A new account (its first keys just made): signed in, with its keys open."""
    login(request, user, backend=BACKEND)
    opened(request, user, data_key)


def recovered(request: HttpRequest, user: User, data_key: bytes) -> None:
    """A recovery just done (the one-time code opened `data_key`, a new passphrase keeps it): signed in, keys open.
    Every other session already ended with the change of passphrase."""
    login(request, user, backend=BACKEND)
    opened(request, user, data_key)


def start_afresh(request: HttpRequest, user: User, passphrase: str) -> bytes:
    """New keys under this passphrase; every app forgets what was sealed under the old ones. Returns the new key."""
    with transaction.atomic():
        key = user.start_keys_afresh(passphrase)
        for forget in registry.each("forget_unreadable"):
            forget(user, key)
    opened(request, user, key)
    return key


def opened(request: HttpRequest, user: User, data_key: bytes) -> None:
    """The steps after every opening, in one place: the key remembered in this session; the partner handed the
    pair key if they lack it; this person's answer about the pain sealed again where it no longer opens; and each
    app's `unlocked` hook (e.g. a sealed mark row for every idea)."""
    remember(request, user, data_key)
    members = list(Membership.objects.filter(pair__members__user_id=user.pk).select_related("user"))
    membership = next((member for member in members if member.user_id == user.pk), None)
    if membership is not None:
        partner = next((member for member in members if member.pk != membership.pk), None)
        membership.settle_lives_with_pain(open_pair_key(data_key, membership, partner), data_key)
    for unlocked in registry.each("unlocked"):
        unlocked(user, data_key)
