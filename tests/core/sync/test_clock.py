"""The hybrid logical clock: monotone, never behind what it saw, and ordered as text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.sync.clock import Stamp, observe, parse, tick

walls = st.integers(min_value=0, max_value=10**15)
origins = st.sampled_from(["a", "b", "hub", "0f8e-replica"])
stamps = st.builds(Stamp, walls, st.integers(min_value=0, max_value=999_999), origins)


@given(st.none() | stamps, walls, origins)
def test_a_tick_is_after_the_last_stamp_and_not_before_the_wall(
    last: Stamp | None, wall: int, origin: str
) -> None:
    stamp = tick(last, wall, origin)
    assert stamp.wall_ms >= wall
    if last is not None:
        assert (stamp.wall_ms, stamp.counter) > (last.wall_ms, last.counter)


@given(st.none() | stamps, stamps, walls)
def test_after_seeing_a_stamp_the_next_tick_is_greater(
    last: Stamp | None, seen: Stamp, wall: int
) -> None:
    stamp = tick(observe(last, seen), wall, "me")
    assert stamp.text() > seen.text() or (stamp.wall_ms, stamp.counter) > (
        seen.wall_ms,
        seen.counter,
    )


@given(stamps, stamps)
def test_texts_sort_as_the_stamps_do(one: Stamp, other: Stamp) -> None:
    assert (one.text() < other.text()) == (one < other)
    assert parse(one.text()) == one


def test_a_full_millisecond_borrows_the_next() -> None:
    assert tick(Stamp(5, 999_999, "a"), 5, "a") == Stamp(6, 0, "a")


@pytest.mark.parametrize("text", ["", "12-3-a", "000000000000000001-000000-", "x" * 30])
def test_what_is_not_a_stamp_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a clock stamp"):
        parse(text)
