"""No write bypasses the outbox: every command that writes, and plain sqlite3, are captured."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from salescoach.paths import database_path
from salescoach.store.db import connect
from salescoach.store.sync_schema import EVENT_COLUMNS, RECORD_COLUMNS, SYNCED
from tests.support.cli import run
from tests.support.walk import FIXTURES

Snapshot = dict[tuple[str, int], dict[str, Any]]

NEXT_STEP = (
    "closing: {outcome: next_step, next_step_date: '2026-03-18'}\nfollow_up: {referral: no}\n"
)


def _snapshot() -> Snapshot:
    with closing(connect(database_path())) as conn:
        rows: Snapshot = {}
        for table in SYNCED:
            columns = RECORD_COLUMNS.get(table) or EVENT_COLUMNS[table]
            for row in conn.execute(f"SELECT rowid, {', '.join(columns)} FROM {table}"):
                rows[(table, row[0])] = dict(zip(columns, tuple(row)[1:], strict=True))
        return rows


def _outbox() -> dict[tuple[str, int], set[str]]:
    with closing(sqlite3.connect(database_path())) as conn:
        captured: dict[tuple[str, int], set[str]] = {}
        for table, row, fields in conn.execute("SELECT tbl, row, fields FROM sync_outbox"):
            names = captured.setdefault((table, row), set())
            names.update(["*"] if fields == "*" else json.loads(fields))
        conn.execute("DELETE FROM sync_outbox")
        conn.commit()
        return captured


def _check_captured(before: Snapshot, after: Snapshot, captured: dict[Any, set[str]]) -> None:
    for key, values in after.items():
        old = before.get(key)
        changed = set(values) if old is None else {k for k in values if values[k] != old[k]}
        if not changed:
            continue
        names = captured.get(key, set())
        assert "*" in names or changed <= names, (key, changed, names)
    for key in before.keys() - after.keys():
        assert "_removed" in captured.get(key, set()), key


def _answers(tmp_path: Path, text: str) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_command_that_writes_fills_the_outbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(FIXTURES / "playbooks"))
    csv = tmp_path / "leads.csv"
    csv.write_text("name,company,email\nGrace,Navy,grace@navy.example\n", encoding="utf-8")
    commands: list[tuple[str, ...]] = [
        ("lead", "add", "Ada", "--company", "ACME", "--playbook", "walkthrough"),
        ("lead", "edit", "Ada", "--email", "ada@acme.example", "--owner", "sam"),
        ("log", "Ada", "-c", "call", "-m", "first call"),
        ("lead", "stage", "ACME", "2"),
        ("tasks", "add", "ACME", "Send the recap", "--due", "friday"),
        ("tasks", "done", "1"),
        ("walk", "ACME", "--step", "closing", "-a", _answers(tmp_path, NEXT_STEP)),
        ("goal", "set", "calls", "10", "--per", "week"),
        ("goal", "set", "calls", "12", "--per", "week"),
        ("goal", "remove", "calls", "--per", "week"),
        ("lead", "import", str(csv), "--playbook", "walkthrough"),
        ("lead", "archive", "Grace", "--reason", "not a fit"),
        ("lead", "stage", "ACME", "closing", "--lost", "no budget"),
    ]
    assert run("paths").exit_code == 0
    connect(database_path()).close()
    for command in commands:
        before = _snapshot()
        result = run(*command)
        assert result.exit_code == 0, (command, result.stderr)
        _check_captured(before, _snapshot(), _outbox())
    assert len(_snapshot()) > 8


def test_a_plain_sqlite3_writer_is_captured_too(tmp_path: Path) -> None:
    connect(tmp_path / "s.db").close()
    with closing(sqlite3.connect(tmp_path / "s.db")) as conn:
        conn.execute(
            "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
            "VALUES ('Ada', 'minimal', 'a', 'a', 'a')"
        )
        conn.execute("INSERT INTO answers VALUES (1, 'pain', '\"x\"', 'approach', 'Q?', 'a')")
        conn.execute("UPDATE leads SET phone = '1', name = 'Ada L' WHERE id = 1")
        conn.execute("UPDATE leads SET phone = '1' WHERE id = 1")  # nothing changed
        conn.commit()
        outbox = conn.execute("SELECT tbl, row, fields FROM sync_outbox ORDER BY seq").fetchall()
        gids = conn.execute("SELECT tbl, row FROM sync_ids ORDER BY tbl").fetchall()
    assert outbox == [("leads", 1, "*"), ("answers", 1, "*"), ("leads", 1, '["name","phone"]')]
    assert gids == [("answers", 1), ("leads", 1)]
