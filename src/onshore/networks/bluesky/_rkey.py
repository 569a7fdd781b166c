"""Deterministic record keys: the same delivery always writes to the same record.

``app.bsky.feed.post`` records must be keyed by a TID (atproto.com/specs/tid and
/specs/record-key): 13 characters of base32-sortable, encoding a 64-bit integer whose
top bit is 0, then 53 bits of microseconds since the UNIX epoch, then a 10-bit clock id.
The PDS rejects any other key for a post.

We derive that TID from the delivery instead of the clock: the whole second of the
delivery's creation time, then 30 bits (the microseconds within that second plus the
clock id) from a hash of the delivery id. Every attempt for one delivery therefore
targets the same key and a retry collides instead of posting twice, while two
deliveries created in the same second for the same account collide with odds of one
in 2**30. The TID still tells the right second, so the repository stays time-ordered.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_TID = re.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")
_MICROS = 1_000_000


def record_key(delivery_id: str, created: datetime) -> str:
    """The TID record key for one delivery.

    ``delivery_id`` and ``created`` (timezone-aware; the delivery's creation time)
    must be the same on every attempt: that is what makes a retry collide.
    """
    if created.tzinfo is None:
        raise ValueError("created must be timezone-aware")
    digest = hashlib.sha256(f"onshore-bluesky-post:{delivery_id}".encode()).digest()
    spread = int.from_bytes(digest[:8], "big")
    micros = int(created.timestamp()) * _MICROS + spread % _MICROS
    clock_id = (spread // _MICROS) & 0x3FF
    return _encode((micros << 10) | clock_id)


def is_valid_tid(value: str) -> bool:
    return _TID.fullmatch(value) is not None


def _encode(number: int) -> str:
    chars = []
    for _ in range(13):
        chars.append(_ALPHABET[number & 0x1F])
        number >>= 5
    return "".join(reversed(chars))
