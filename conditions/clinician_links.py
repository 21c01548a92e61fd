"""A one-time link that hands my appointment sheet to a clinician, while the server keeps nothing it can read.

- `make(owner, sheet)`: seals the sheet (a dict of my answers, notes and questions) under a fresh 256-bit key
  with AES-GCM, keeps only the ciphertext and the key's SHA-256, and gives back the link and the key. The key goes
  into the link's #fragment (browsers never send it) and is forgotten here. My earlier links stop working.
- `open_once(token, key_check)`: the clinician's browser proves it holds the right key (its SHA-256) and gets the
  ciphertext once; the row is emptied at the same moment, so a second open, at once or later, gets nothing.
- static/js/clinician.js opens the sheet in the clinician's browser (WebCrypto), so this needs JavaScript there:
  the printable sheet stays the way without it.
"""

import base64
import hmac
import json
import re
import secrets
from datetime import timedelta
from hashlib import sha256

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import transaction
from django.utils import timezone

from .models import ClinicianLink

LIFETIME = timedelta(hours=24)
PADDED_TO = 4096  # the sheet's length is rounded up to a multiple of this, so its size says little
NONCE_BYTES = 12
TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")  # secrets.token_urlsafe(16); anything else is never looked up


class Refused(Exception):
    """The link cannot be opened: `reason` is "spent" (opened, cancelled, expired or unknown) or "wrong key"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode(text: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)) if text.isascii() else None
    except ValueError:
        return None


def seal(key: bytes, token: str, sheet: dict) -> bytes:
    plain = json.dumps(sheet, ensure_ascii=False, separators=(",", ":")).encode()
    plain += b" " * (-len(plain) % PADDED_TO)  # JSON allows trailing spaces
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plain, token.encode())  # bound to its link: moved, it does not open


@transaction.atomic
def make(owner, sheet: dict) -> tuple[ClinicianLink, str]:
    """A new link for `owner`'s sheet and the key for its #fragment (shown once, kept nowhere)."""
    now = timezone.now()
    cancel_all(owner)
    delete_expired()  # spent links of anyone's, kept no longer
    key, token = AESGCM.generate_key(bit_length=256), secrets.token_urlsafe(16)
    link = ClinicianLink.objects.create(
        token=token,
        owner=owner,
        created_at=now,
        expires_at=now + LIFETIME,
        key_digest=sha256(key).digest(),
        sealed=seal(key, token, sheet),
    )
    return link, encode(key)


def delete_expired():
    """Links past their day, ciphertext and all (also daily, from manage.py forget_idle: the registry's `daily`)."""
    ClinicianLink.objects.filter(expires_at__lte=timezone.now()).delete()


def cancel_all(owner) -> int:
    """Every usable link of `owner`'s stops working, its ciphertext gone."""
    return ClinicianLink.objects.filter(owner=owner).usable().update(revoked_at=timezone.now(), sealed=b"")


def usable(token: str) -> ClinicianLink | None:
    """The link with this token while it can still be opened; None for any other, or for a token we never make."""
    return ClinicianLink.objects.usable().filter(token=token).first() if TOKEN.fullmatch(token) else None


def open_once(token: str, key_check: str) -> bytes:
    """The sealed sheet, once, for a browser that shows the key's SHA-256 (`key_check`, base64url); Refused else.
    A wrong key changes nothing; two opens at once: one gets the sheet, the other is refused."""
    link = usable(token)
    if link is None:
        raise Refused("spent")
    if not hmac.compare_digest(bytes(link.key_digest), decode(key_check) or b""):
        raise Refused("wrong key")
    with transaction.atomic():
        taken = ClinicianLink.objects.usable().filter(pk=link.pk).update(opened_at=timezone.now())
        if not taken:
            raise Refused("spent")
        sealed = bytes(ClinicianLink.objects.filter(pk=link.pk).values_list("sealed", flat=True).get())
        ClinicianLink.objects.filter(pk=link.pk).update(sealed=b"")
    return sealed
