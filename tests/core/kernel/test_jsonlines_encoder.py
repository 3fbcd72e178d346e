"""The reused encoder writes the very bytes `json.dumps` with the same options wrote before."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.kernel import jsonlines

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def _per_call(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char in "\u0085\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text + "\n"


@given(st.dictionaries(st.text(), _VALUES, max_size=8))
def test_lines_are_what_json_dumps_wrote(row: dict[str, Any]) -> None:
    assert jsonlines.dump_line({"table": "leads", "row": row}) == _per_call(
        {"table": "leads", "row": row}
    )


def test_nan_is_still_refused() -> None:
    with pytest.raises(ValueError):
        jsonlines.dumps({"x": float("nan")})


# Text made mostly of the characters whose UTF-8 bytes share a first byte with U+0085,
# U+2028 and U+2029 (so near misses are common), and those three themselves.
_NEAR_BREAKS = st.text(
    st.sampled_from('a"\\\u0080\u0085\u00bf\u2013\u2027\u2028\u2029\u202a\u20ac\U0001f600')
    | st.characters(blacklist_categories=("Cs",))
)


@given(_NEAR_BREAKS)
def test_escaping_utf8_bytes_is_escaping_the_text(text: str) -> None:
    """The export escapes its UTF-8 batches without decoding them: the same bytes."""
    escaped = jsonlines.escape_line_breaks_utf8(text.encode())
    assert escaped == jsonlines.escape_line_breaks(text).encode()
