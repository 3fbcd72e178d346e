"""The hybrid logical clock every synced change is stamped with.

A stamp is (wall milliseconds, counter, origin). A replica's clock never runs backwards and
never falls behind a stamp it has seen: the next stamp it gives is greater than both its last
one and every stamp it has received, even when its wall clock is behind another replica's.
The counter orders stamps given within the same millisecond; the origin makes every stamp
unique, so no two changes ever tie.

As text a stamp is fixed width up to the origin (`000001764590000000-000000-ORIGIN`), so
comparing texts compares clocks: the hub and the stores can order stamps without parsing them.
"""

from __future__ import annotations

from dataclasses import dataclass

_WALL_DIGITS = 18
_COUNTER_DIGITS = 6
_COUNTER_LIMIT = 10**_COUNTER_DIGITS


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    wall_ms: int
    counter: int
    origin: str

    def text(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}-{self.origin}"


def parse(text: str) -> Stamp:
    """The stamp a text holds; ValueError when it is not one."""
    wall, sep1, rest = text.partition("-")
    counter, sep2, origin = rest.partition("-")
    if not (sep1 and sep2 and origin) or len(wall) != _WALL_DIGITS:
        raise ValueError(f"not a clock stamp: {text!r}")
    if len(counter) != _COUNTER_DIGITS or not (wall.isdigit() and counter.isdigit()):
        raise ValueError(f"not a clock stamp: {text!r}")
    return Stamp(int(wall), int(counter), origin)


def tick(last: Stamp | None, wall_ms: int, origin: str) -> Stamp:
    """The stamp of a change made now (`wall_ms`) on `origin`, whose clock last gave or saw
    `last`: greater than `last`, and at least the wall time."""
    if last is None or wall_ms > last.wall_ms:
        return Stamp(wall_ms, 0, origin)
    if last.counter + 1 < _COUNTER_LIMIT:
        return Stamp(last.wall_ms, last.counter + 1, origin)
    return Stamp(last.wall_ms + 1, 0, origin)  # a full millisecond: borrow the next one


def observe(last: Stamp | None, seen: Stamp) -> Stamp:
    """The clock after receiving a change stamped `seen`: the next `tick` will be greater."""
    if last is None:
        return seen
    return max(last, seen, key=lambda s: (s.wall_ms, s.counter))
