"""JSON Lines as salescoach writes and reads them: standard JSON only, one record per `\\n`.

A line ends at `\\n` and nowhere else. `str.splitlines()` also breaks at U+0085, U+2028 and
U+2029, which JSON allows raw inside strings, so a note holding one would split its record in
two; the writer escapes those three (JSON's `\\uXXXX`, the same text once parsed) so that no
reader, however it splits lines, can break a record, and the reader splits at `\\n` only.
NaN and infinities are not JSON: they are never written, and refused when read.
"""

from __future__ import annotations

import json
import math
from typing import Any

# Line breaks to `str.splitlines()` that JSON leaves raw (the C0 ones are always escaped).
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# One encoder for every line: `json.dumps` with options builds a new one per call, which
# cost a third of a 2,000,000-row export.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dumps(data: Any) -> str:
    """`data` as one line of standard JSON, without its `\\n`; ValueError for NaN or inf."""
    return escape_line_breaks(_ENCODER.encode(data))


def escape_line_breaks(text: str) -> str:
    """JSON text with U+0085, U+2028 and U+2029 written as escapes (the same JSON)."""
    for char, escaped in _LINE_BREAKS.items():
        if char in text:
            text = text.replace(char, escaped)
    return text


_UTF8_LINE_BREAKS = {c.encode(): e.encode() for c, e in _LINE_BREAKS.items()}


def escape_line_breaks_utf8(data: bytes) -> bytes:
    """`escape_line_breaks` for JSON text encoded as UTF-8 (each of the three characters'
    bytes can stand for nothing else there)."""
    for char, escaped in _UTF8_LINE_BREAKS.items():
        # Looking for the first byte alone is a memchr, several times faster than the search
        # for all of them, and most text holds no such first byte at all.
        if char[:1] in data and char in data:
            data = data.replace(char, escaped)
    return data


def dump_line(data: Any) -> str:
    return dumps(data) + "\n"


def split_lines(text: str) -> list[str]:
    """The lines of `text`, broken at `\\n` only (a final `\\n` ends the last line)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large for a number")
    return value


def loads(text: str) -> Any:
    """Parse standard JSON; ValueError (JSONDecodeError is one) for anything else, including
    NaN, Infinity and numbers too large to be finite (`1e999`)."""
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
