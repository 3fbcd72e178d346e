"""A drill run as `train ... --json` prints it (typed in core/training/shapes.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salescoach.core.training.leitner import ReviewState
    from salescoach.core.training.shapes import SessionRecord, TrainRunJSON


def train_run(session: SessionRecord, states: Iterable[ReviewState]) -> TrainRunJSON:
    return {
        "schema": "train-run",
        "version": 1,
        **session,
        "review": [{"item": s.item, "box": s.box, "due": s.due.isoformat()} for s in states],
    }
