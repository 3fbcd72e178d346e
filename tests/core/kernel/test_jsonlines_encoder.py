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
