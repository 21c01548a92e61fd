"""Keys only their owners hold, so a copy of the database alone tells nobody what anyone chose, felt or wrote.

- Each person has a random **data key**. The database keeps it only sealed: once
  under a key derived (scrypt) from their passphrase, once under one derived from
  their recovery code.
- Each person also has an X25519 key pair. The public half is stored as it is,
  so whoever holds a pair key can hand it to them (HPKE, RFC 9180); the private
  half is sealed under the data key.
- Each pair has a random **pair key**; each member's copy is sealed to their
  public key (`Membership.sealed_pair_key`).
- While signed in, the data key rides in the session (a signed cookie), sealed
  again under a key derived from SECRET_KEY (keyring.py): neither a copy of the
  cookie nor a copy of the database opens anything on its own. It is never
  written to the database, a log or a cache.

Every primitive comes from `cryptography`: AES-256-GCM, scrypt, HMAC-SHA256, HPKE.
"""

import hmac
import json
import os
from collections.abc import Sequence
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
TOKEN_BYTES = 16
WRAP_VERSION = 1
_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)


class KeysUnavailable(Exception):
    """This session holds no data key that opens this person's records: they sign in again."""


class Unreadable(Exception):
    """A sealed value that does not open: tampered with, cut short, or sealed under another key."""


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def seal(key: bytes, plaintext: bytes, context: str) -> bytes:
    """AES-256-GCM with a random nonce; `context` (what the value is and whose) is authenticated, not stored."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, context.encode())


def unseal(key: bytes, blob: bytes | memoryview | None, context: str) -> bytes:
    blob = bytes(blob or b"")
    if len(blob) < NONCE_BYTES + 16:
        raise Unreadable
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode())
    except (InvalidTag, ValueError) as error:
        raise Unreadable from error


class TooLong(ValueError):
    """A value longer than the largest size its kind is padded to: a bug in the caller, never user input."""


def padded_size(length: int, sizes: Sequence[int]) -> int:
    """The smallest of `sizes` that holds `length` bytes (sizes ascending)."""
    for size in sizes:
        if length <= size:
            return size
    raise TooLong(f"{length} bytes is more than {sizes[-1]}")


def seal_json(key: bytes, value: object, context: str, sizes: Sequence[int]) -> bytes:
    """`value` as JSON, padded with spaces to one of `sizes` bytes before sealing, so a sealed value's length
    says nothing about what it holds beyond which size it needed. Give one size for values that must all look
    alike (marks); a few for free text (notes), each below its form's maximum."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    return seal(key, text.ljust(padded_size(len(text), sizes)), context)


def unseal_json(key: bytes, blob: bytes | memoryview | None, context: str) -> Any:
    try:
        return json.loads(unseal(key, blob, context))
    except ValueError as error:
        raise Unreadable from error


def token(key: bytes, *parts: object) -> bytes:
    """A keyed, one-way token: equal only for equal parts under the same key."""
    message = "\x1f".join(str(part) for part in parts).encode()
    return hmac.digest(key, message, "sha256")[:TOKEN_BYTES]  # the one-shot form: the same HMAC, faster


# --- Wrapping a data key under something a person knows ------------------------


def _stretch(secret: str, salt: bytes, log2_n: int, r: int) -> bytes:
    return Scrypt(salt=salt, length=KEY_BYTES, n=2**log2_n, r=r, p=1).derive(secret.encode())


def cost_accepted(log2_n: int, r: int) -> bool:
    """Only costs between KEY_STRETCHING_FLOOR and KEY_STRETCHING_CEILING are ever tried."""
    floor, ceiling = settings.KEY_STRETCHING_FLOOR, settings.KEY_STRETCHING_CEILING
    return floor["log2_n"] <= log2_n <= ceiling["log2_n"] and floor["r"] <= r <= ceiling["r"]


def wrap(secret: str, data_key: bytes, context: str) -> bytes:
    """The data key sealed under a key stretched from `secret`; salt and cost travel with it, so either can change."""
    cost = settings.KEY_STRETCHING
    salt = os.urandom(SALT_BYTES)
    header = bytes([WRAP_VERSION, cost["log2_n"], cost["r"]]) + salt
    return header + seal(_stretch(secret, salt, cost["log2_n"], cost["r"]), data_key, context)


def unwrap(secret: str, blob: bytes | memoryview | None, context: str) -> bytes | None:
    """The data key, or None when `secret` does not open it (or there is nothing to open)."""
    blob = bytes(blob or b"")
    if len(blob) < 3 + SALT_BYTES or blob[0] != WRAP_VERSION or not cost_accepted(blob[1], blob[2]):
        return None  # fails closed: a cost someone wrote into the database could ask for gigabytes
    salt = blob[3 : 3 + SALT_BYTES]
    try:
        return unseal(_stretch(secret, salt, blob[1], blob[2]), blob[3 + SALT_BYTES :], context)
    except Unreadable:
        return None


# --- Key pairs, and handing a pair key to someone -----------------------------


def new_key_pair(data_key: bytes, context: str) -> tuple[bytes, bytes]:
    """(public key bytes, private key sealed under the data key)."""
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw()
    return public, seal(data_key, private.private_bytes_raw(), context)


def public_key_of(sealed_private_key: bytes | memoryview | None, data_key: bytes, private_context: str) -> bytes:
    """The public half of my own key pair, worked out from its private half (never read from the database)."""
    private = X25519PrivateKey.from_private_bytes(unseal(data_key, sealed_private_key, private_context))
    return private.public_key().public_bytes_raw()


def seal_to(public_key: bytes | memoryview, secret: bytes, context: str) -> bytes:
    """`secret` sealed so that only the holder of the private half of `public_key` can open it."""
    return _HPKE.encrypt(secret, X25519PublicKey.from_public_bytes(bytes(public_key)), info=context.encode())


def open_sealed_to_me(
    sealed_private_key: bytes | memoryview | None,
    data_key: bytes,
    blob: bytes | memoryview | None,
    private_context: str,
    context: str,
) -> bytes:
    private = X25519PrivateKey.from_private_bytes(unseal(data_key, sealed_private_key, private_context))
    try:
        return _HPKE.decrypt(bytes(blob or b""), private, info=context.encode())
    except Exception as error:  # any failure to open is the same to the caller
        raise Unreadable from error
