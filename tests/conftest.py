"""Every test gets its own data home and a fixed today; nothing touches the real user's files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = "2026-03-11"  # a Wednesday


@pytest.fixture(autouse=True)
def salescoach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("SALESCOACH_HOME", str(home))
    monkeypatch.setenv("SALESCOACH_TODAY", TODAY)
    monkeypatch.delenv("SALESCOACH_PLAYBOOK_PATH", raising=False)
    monkeypatch.delenv("SALESCOACH_NO_INPUT", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    yield home
