"""Resuming a stopped walk: the choice to start over says what it drops in the words the stop
message used ("saved ... 2 answers"), not as if those answers had never been saved."""

from __future__ import annotations

import contextlib
import io
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import pytest

from salescoach.cli.walk import walk_setup


def test_starting_over_drops_the_answers_given_so_far_not_unsaved_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    offered: list[str] = []

    def select(message: str, choices: list[tuple[str, bool]], **_: Any) -> bool:
        offered.extend(label for label, _ in choices)
        return True

    monkeypatch.setattr("salescoach.ui.prompts.select", select)
    monkeypatch.setattr(walk_setup, "prompting", lambda stream: contextlib.nullcontext())
    term = SimpleNamespace(screen=lambda data_on_stdout: (None, io.StringIO()))
    lead = SimpleNamespace(label="Dana (Carrow)", step="preparation")
    saved = SimpleNamespace(
        state={"plan": ["preparation"], "position": 0}, updated_at=datetime(2026, 12, 3, 15, 32)
    )
    options = SimpleNamespace(as_json=False)

    walk_setup._resume(term, options, lead, saved)  # type: ignore[arg-type]

    assert (
        offered[1]
        == "Start over at preparation (the answers given in that step so far are dropped)"
    )
    assert "unsaved" not in " ".join(offered)
