"""A one-time link that hands my appointment sheet to a clinician, while the server keeps nothing it can read.

- `make(owner, sheet)`: seals the sheet (a dict of my answers, notes and questions) under a fresh 256-bit key
  with AES-GCM, keeps only the ciphertext and the key's SHA-256, and gives back the link and the key. The key goes
  into the link's #fragment (browsers never send it) and is forgotten here. My earlier links stop working, and so
  does a link carrying my partner's questions once they take them back or leave (`cancel_holding_questions`).
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
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import ClinicianLink

LIFETIME = timedelta(hours=24)
# Every sheet is padded to one size, enough for the fullest sheet (every answer, note line and question, the
# partner's five questions of 200 characters, each at 6 bytes a character), so its size says nothing; a sheet
# past it (never seen) is rounded up to a multiple of PADDED_TO.
SHEET_BYTES = 24 * 1024
PADDED_TO = 4096
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
    size = SHEET_BYTES if len(plain) <= SHEET_BYTES else len(plain) + (-len(plain) % PADDED_TO)
    plain += b" " * (size - len(plain))  # JSON allows trailing spaces
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plain, token.encode())  # bound to its link: moved, it does not open


@transaction.atomic
def make(owner, sheet: dict) -> tuple[ClinicianLink, str]:
    """A new link for `owner`'s sheet and the key for its #fragment (shown once, kept nowhere)."""
    list(get_user_model().objects.select_for_update().filter(pk=owner.pk).values_list("pk"))  # two makes: in turn
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
        holds_partner_questions=bool(sheet.get("partner_questions")),
    )
    return link, encode(key)


def delete_expired():
    """Links past their day, ciphertext and all (also daily, from manage.py forget_idle: the registry's `daily`)."""
    ClinicianLink.objects.filter(expires_at__lte=timezone.now()).delete()


def cancel_all(owner) -> int:
    """Every usable link of `owner`'s stops working, its ciphertext gone."""
    return ClinicianLink.objects.filter(owner=owner).usable().update(revoked_at=timezone.now(), sealed=b"")


def cancel_holding_questions(owner_ids) -> int:
    """Links of these people's that carry their partner's questions stop working (taken back, or a partner left)."""
    links = ClinicianLink.objects.filter(owner_id__in=owner_ids, holds_partner_questions=True).usable()
    return links.update(revoked_at=timezone.now(), sealed=b"")


def live(owner) -> ClinicianLink | None:
    """`owner`'s link that can still be opened (a new one cancels the old, so at most one), or None."""
    return ClinicianLink.objects.filter(owner=owner).usable().order_by("-created_at").first()


def last_opened_at(owner):
    """When `owner`'s newest link was opened, or None (not opened, or no link)."""
    return ClinicianLink.objects.filter(owner=owner).order_by("-created_at").values_list("opened_at", flat=True).first()


def well_formed(token: str) -> bool:
    """Whether `token` could be one of ours (a cut-short or changed address is told apart from a spent link)."""
    return TOKEN.fullmatch(token) is not None


def usable(token: str) -> ClinicianLink | None:
    """The link with this token while it can still be opened; None for any other, or for a token we never make."""
    return ClinicianLink.objects.usable().filter(token=token).first() if well_formed(token) else None


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
