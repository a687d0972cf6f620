"""TOTP codes computed here from a device's key (RFC 6238), independent of django-otp."""

import hashlib
import hmac
import re
import struct
import time
from base64 import b32decode
from binascii import unhexlify


def totp_code(hex_key: str, at: float | None = None, step: int = 30) -> str:
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(unhexlify(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def wrong_code(hex_key: str) -> str:
    """A six-digit code that no step within the accepted window produces."""
    now = time.time()
    valid = {totp_code(hex_key, now + drift * 30) for drift in (-2, -1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in valid)


def key_from_page(html: str) -> str:
    """The manual key shown on the set-up page, back to django-otp's hex form."""
    shown = re.search(r'id="mfa-manual-key">([A-Z2-7 ]+)<', html)
    assert shown, "the set-up page shows no manual key"
    text = shown.group(1).replace(" ", "")
    return b32decode(text + "=" * (-len(text) % 8)).hex()
