"""Helpers for the lead, log and data tests: the minimal playbook and quick lead creation."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from salescoach.core.kernel.records import Lead
from tests.support.cli import run
from tests.support.paths import FIXTURES


def use_test_playbooks(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put the test playbooks (`minimal` among them) on the search path."""
    folder = FIXTURES / "playbooks"
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(folder))
    return folder


def add(name: str, *args: str) -> int:
    """Add a lead on the minimal playbook through the CLI; returns its id."""
    result = run("lead", "add", name, "--playbook", "minimal", *args)
    assert result.exit_code == 0, result.stderr
    return int(result.stdout.strip())


def rows(home: Path, sql: str, *params: Any) -> list[dict[str, Any]]:
    """Rows straight from the database file, as dicts."""
    with closing(sqlite3.connect(home / "salescoach.db")) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


def count(home: Path, table: str) -> int:
    return int(rows(home, f"SELECT count(*) AS n FROM {table}")[0]["n"])


def execute(home: Path, sql: str, *params: Any) -> None:
    """Write straight to the database file (for rows other features own, e.g. tasks)."""
    with closing(sqlite3.connect(home / "salescoach.db")) as conn:
        conn.execute(sql, params)
        conn.commit()


def lead_record(**overrides: object) -> Lead:
    """A lead as the store would return it (open, at closing), for the stage rules' tests."""
    stamp = datetime(2026, 3, 11, 9, 0)
    values: dict[str, object] = dict(
        id=1, name="Ada", company=None, email=None, phone=None, source=None,
        temperature="warm", playbook="minimal", owner=None, step="closing", status="open",
        status_reason=None, sla_due=None, first_contact_at=None, last_interaction_at=None,
        step_entered_at=stamp, created_at=stamp, updated_at=stamp,
    )  # fmt: skip
    values.update(overrides)
    return Lead(**values)  # type: ignore[arg-type]
