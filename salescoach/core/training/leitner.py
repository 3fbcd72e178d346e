"""Spaced repetition with Leitner boxes: what was got wrong comes back sooner.

Every practised item (an objection family, a quiz question kind for a step, a scenario) sits
in one of five boxes. A right answer moves it up one box, a wrong one sends it back to box 1;
the box sets how many days until it is due again: 1, 2, 4, 8, 16. An item seen for the first
time starts in box 1, so a first right answer puts it in box 2 (due in two days). What is due
on a day is everything whose due date is that day or earlier, lowest box (weakest) first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

INTERVALS = (1, 2, 4, 8, 16)  # days until due again, for boxes 1..5
TOP_BOX = len(INTERVALS)


@dataclass(frozen=True)
class ReviewState:
    item: str
    drill: str
    box: int
    due: date
    last: date | None = None


@dataclass(frozen=True)
class Attempt:
    item: str
    drill: str
    passed: bool


def next_state(previous: ReviewState | None, attempt: Attempt, today: date) -> ReviewState:
    box = previous.box if previous else 1
    box = min(box + 1, TOP_BOX) if attempt.passed else 1
    return ReviewState(
        item=attempt.item,
        drill=attempt.drill,
        box=box,
        due=today + timedelta(days=INTERVALS[box - 1]),
        last=today,
    )


def schedule(
    states: dict[str, ReviewState], attempts: Iterable[Attempt], today: date
) -> dict[str, ReviewState]:
    """The new states after a run's attempts, in order (an item met twice moves twice)."""
    changed: dict[str, ReviewState] = {}
    for attempt in attempts:
        previous = changed.get(attempt.item) or states.get(attempt.item)
        changed[attempt.item] = next_state(previous, attempt, today)
    return changed


def due(states: Sequence[ReviewState], today: date, limit: int | None = None) -> list[ReviewState]:
    """Items due on `today`, weakest box first, then the longest overdue, then by name."""
    ready = sorted((s for s in states if s.due <= today), key=lambda s: (s.box, s.due, s.item))
    return ready if limit is None else ready[:limit]
