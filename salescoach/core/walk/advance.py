"""Where a walk takes the lead once a step is finished: on to the next step, never back."""

from __future__ import annotations

from salescoach.core.kernel.steps import STEP_IDS


def step_after(finished: str, current: str) -> str | None:
    """The step a lead at `current` goes to once a walk finishes `finished`: the next one,
    unless the lead is already there or further on (a walk started at an earlier step never
    moves a lead backwards), or None after the last step."""
    index = STEP_IDS.index(finished)
    if index + 1 >= len(STEP_IDS):
        return None
    if current in STEP_IDS and STEP_IDS.index(current) >= index + 1:
        return None
    return STEP_IDS[index + 1]
