"""A small iCalendar (RFC 5545) writer: just what task export needs, written to the letter.

- Lines end with CRLF (3.1) and are folded so no line is longer than 75 octets, never inside
  a UTF-8 character; a continuation line starts with one space.
- TEXT values escape backslash, semicolon, comma and newlines (3.3.11); other control
  characters, which TEXT may not hold, become spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

MAX_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub(" ", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """One content line as physical lines of at most 75 octets (continuations begin ' ')."""
    parts: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, MAX_OCTETS
        current += char
        size += width
    parts.append(current)
    return parts


def unfold(text: str) -> list[str]:
    """Content lines back from folded text (for tests and re-reading our own output)."""
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def date_value(day: date) -> str:
    return day.strftime("%Y%m%d")


Property = tuple[str, str]  # ("DUE;VALUE=DATE", "20260312"): name with parameters, value


def component(
    kind: str, properties: Iterable[Property], children: Sequence[list[str]] = ()
) -> list[str]:
    """A component's lines; `children` (a VALARM in a VEVENT) go inside, after the
    properties."""
    inner = [line for child in children for line in child]
    return [f"BEGIN:{kind}", *(f"{name}:{value}" for name, value in properties), *inner,
            f"END:{kind}"]  # fmt: skip


def duration(minutes: int) -> str:
    """A DURATION value (3.3.6): `PT1H30M`, `PT10M`."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def calendar(components: Sequence[list[str]], *, prodid: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        *(line for comp in components for line in comp),
        "END:VCALENDAR",
    ]
    return "".join(part + "\r\n" for line in lines for part in fold(line))
