"""The first prompt turns the garbage collector back on when the walk's start paused it."""

from __future__ import annotations

import gc

from salescoach.ui import prompts


def test_a_prompt_turns_a_paused_collector_on_and_keeps_the_start_out_of_its_passes() -> None:
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        prompts._collector_on()
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
        gc.enable()
    prompts._collector_on()  # already on: left as it is
    assert gc.isenabled() and gc.get_freeze_count() == 0
