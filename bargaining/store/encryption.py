"""Encryption at rest: with ``BARGAINING_CIPHER_KEY`` set, event bodies are stored encrypted.

The library does the work: each event's JSON is compressed with zlib, then encrypted with
AES-GCM (``eventsourcing.cipher:AESCipher``, pycryptodome), snapshots too. What stays in
clear text is what the library needs to index: the aggregate's id, the version and the
event's topic (its class name). The read models beside the events are not encrypted.

A store is encrypted or not from its first event on. Before anything is read or written,
an application checks that the key in the environment opens its first stored event, so a
missing, superfluous or wrong key is one clear line, and never a mixture of keys in a store.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from bargaining.errors import StoreError
from domain.i18n import N_, _

if TYPE_CHECKING:
    from eventsourcing.application import Application

CIPHER_KEY_ENV = "BARGAINING_CIPHER_KEY"
KEY_SIZES = (16, 24, 32)  # AES-128, -192, -256
NEW_KEY_BYTES = 32
CIPHER_TOPIC = "eventsourcing.cipher:AESCipher"
COMPRESSOR_TOPIC = "eventsourcing.compressor:ZlibCompressor"  # compress before encrypting

# What the check of a store's first event finds; also shown by 'store info'.
EMPTY, PLAIN, ENCRYPTED = "empty", "plain", "encrypted"


def new_key() -> str:
    """A new random AES-256 key, base64-encoded as BARGAINING_CIPHER_KEY takes it."""
    import base64  # noqa: PLC0415 - every command imports this module; only some need these
    import secrets  # noqa: PLC0415

    return base64.b64encode(secrets.token_bytes(NEW_KEY_BYTES)).decode("ascii")


def cipher_key() -> str | None:
    """The key in the environment, checked; None when encryption is off."""
    raw = os.environ.get(CIPHER_KEY_ENV, "").strip()
    if not raw:
        return None
    import base64  # noqa: PLC0415 - only an encrypted store pays for it
    import binascii  # noqa: PLC0415

    try:
        size = len(base64.b64decode(raw, validate=True))
    except (binascii.Error, ValueError):
        size = 0
    if size not in KEY_SIZES:
        raise StoreError(
            CIPHER_KEY_ENV,
            _("not a valid key (base64 of 16, 24 or 32 bytes); make one with 'bargaining store keygen'"),
        )
    return raw


def cipher_env() -> dict[str, str]:
    """The library's settings that encrypt an application's events, or none."""
    key = cipher_key()
    if key is None:
        return {}
    return {"CIPHER_TOPIC": CIPHER_TOPIC, "CIPHER_KEY": key, "COMPRESSOR_TOPIC": COMPRESSOR_TOPIC}


def _first_state(app: Application[Any]) -> bytes | None:
    first = app.recorder.select_notifications(start=None, limit=1)
    return first[0].state if first else None


def _is_json(state: bytes) -> bool:
    import orjson  # noqa: PLC0415 - already loaded by the read models; cheap

    try:
        return isinstance(orjson.loads(state), dict)
    except orjson.JSONDecodeError:
        return False


def _form(state: bytes | None) -> str:
    if state is None:
        return EMPTY
    return PLAIN if _is_json(state) else ENCRYPTED


# How the key in the environment fits an application's stored events, and what a user does.
KEY_OK, KEY_MISSING, KEY_WRONG, KEY_NOT_NEEDED = "ok", "missing", "wrong", "not needed"
KEY_PROBLEMS = {
    KEY_MISSING: N_("not set, but this store is encrypted; set it to the store's key"),
    KEY_WRONG: N_("not the key this store was encrypted with; nothing was read or recorded"),
    KEY_NOT_NEEDED: N_("set, but this store is not encrypted; unset it to use this store"),
}


def key_fit(app: Application[Any]) -> tuple[str, str]:
    """How the application's events are stored (``EMPTY``, ``PLAIN``, ``ENCRYPTED``) and how
    the key in the environment fits them (``KEY_OK`` or one of ``KEY_PROBLEMS``)."""
    state = _first_state(app)
    form = _form(state)
    cipher = app.mapper.cipher
    if state is None or (form == PLAIN and cipher is None):
        return form, KEY_OK
    if cipher is None:
        return form, KEY_MISSING
    if form == PLAIN:
        return form, KEY_NOT_NEEDED
    try:
        cipher.decrypt(state)
    except ValueError:
        return form, KEY_WRONG
    return form, KEY_OK


def check_key(app: Application[Any]) -> None:
    """Refuse to use an application whose events the key in the environment cannot open."""
    __, fit = key_fit(app)
    if fit != KEY_OK:
        raise StoreError(CIPHER_KEY_ENV, _(KEY_PROBLEMS[fit]))


def describe() -> str:
    """Encryption as the environment sets it, in a few words."""
    key = cipher_key()
    if key is None:
        return _("off")
    import base64  # noqa: PLC0415

    return _("AES-{bits}-GCM, zlib-compressed ({variable})").format(
        bits=len(base64.b64decode(key)) * 8, variable=CIPHER_KEY_ENV
    )
