"""`cli.short_process.run_uncollected`: the collector is off inside, back on after (raised or
not), left off when it was off, and what the body made is frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from salescoach.cli.short_process import run_uncollected


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    yield
    gc.unfreeze()  # what the runs froze: this test process goes on
    gc.enable()


def test_off_inside_and_back_on_after_with_what_it_made_frozen() -> None:
    seen: list[bool] = []
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    run_uncollected(lambda: seen.append(gc.isenabled()))
    assert seen == [False]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_back_on_when_the_body_raises() -> None:
    def body() -> None:
        raise SystemExit(3)

    with pytest.raises(SystemExit):
        run_uncollected(body)
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    run_uncollected(lambda: None)
    assert not gc.isenabled()
