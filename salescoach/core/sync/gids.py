"""Global ids as salescoach mints them outside SQL: version 7 UUIDs (RFC 9562), the same form
the store's triggers give (store/sync_schema.py `gid_v7`).

48 bits of Unix milliseconds, the version (7), 12 random bits, the variant (binary 10) and
62 more random bits, as lowercase 8-4-4-4-12 hex: ids minted later sort after earlier ones,
and any reader of a UUID (Python's uuid, PostgreSQL's uuid type) takes them as it takes a
version 4's. The caller passes the time and the randomness in.
"""

from __future__ import annotations

import uuid

RANDOM_BYTES = 10  # 80 bits drawn, 74 of them kept
_MS_LIMIT = 1 << 48


def time_ordered_gid(unix_ms: int, entropy: bytes) -> str:
    """The version 7 UUID of `unix_ms` whose random bits come from `entropy`."""
    if not 0 <= unix_ms < _MS_LIMIT:
        raise ValueError(f"{unix_ms} ms is outside a version 7 UUID's 48-bit time")
    if len(entropy) < RANDOM_BYTES:
        raise ValueError(f"a version 7 UUID needs {RANDOM_BYTES} random bytes")
    bits = int.from_bytes(entropy[:RANDOM_BYTES], "big")
    rand_a = bits >> 68  # the top 12 of the 80 bits
    rand_b = bits & ((1 << 62) - 1)  # the bottom 62
    value = unix_ms << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))
