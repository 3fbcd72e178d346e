"""An export is one snapshot of the store even though two connections build its batches at
once: a commit made while it runs is in none of its lines, and it writes the bytes a single
connection writes, in order, however it ends."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from salescoach.store import export_batches
from salescoach.store.db import connect
from salescoach.store.export_batches import shared_snapshot
from salescoach.store.exporter import export_jsonl

STAMP = "2026-03-11T09:00:00+00:00"
ROWS = 4500  # three batches of interactions, and of their sync identity


@pytest.fixture(autouse=True)
def _two_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    # Whatever the machine running the tests, two helpers build the batches.
    monkeypatch.setattr(export_batches, "HELPERS", 2)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "a.db"
    with closing(connect(path)) as conn:
        _add_lead(conn, 1)
        conn.executemany(
            "INSERT INTO interactions (lead_id, at, kind, text, duration_minutes) "
            "VALUES (1, ?, 'note', ?, ?)",
            [(STAMP, f"note {n}", 0.5 if n % 1999 == 0 else n) for n in range(ROWS)],
        )
    return path


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    shutil.copy(template, tmp_path / "a.db")
    with closing(connect(tmp_path / "a.db")) as conn:
        yield conn


def _add_lead(conn: sqlite3.Connection, number: int) -> None:
    conn.execute(
        "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
        "VALUES (?, 'minimal', ?, ?, ?)",
        (f"Lead {number}", STAMP, STAMP, STAMP),
    )


def _export(conn: sqlite3.Connection) -> str:
    out = io.StringIO()
    export_jsonl(conn, out)
    return out.getvalue()


def test_one_connection_and_two_helpers_write_the_same_bytes(
    store: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    with shared_snapshot(store) as helpers:
        assert len(helpers) == 2
    shared = _export(store)
    monkeypatch.setattr(export_batches, "HELPERS", 1)
    with shared_snapshot(store) as helpers:
        assert helpers == []
    assert _export(store) == shared
    assert shared.count('"table":"interactions"') == ROWS


def test_the_helpers_read_the_state_the_export_started_with(
    store: sqlite3.Connection, tmp_path: Path
) -> None:
    with closing(connect(tmp_path / "a.db")) as writer, shared_snapshot(store) as helpers:
        _add_lead(writer, 2)
        for reader in (store, *helpers):
            assert reader.execute("SELECT count(*) FROM leads").fetchone()[0] == 1
    assert store.execute("SELECT count(*) FROM leads").fetchone()[0] == 2


def test_an_export_while_another_connection_commits_is_one_state_of_the_store(
    store: sqlite3.Connection, tmp_path: Path
) -> None:
    """Each commit adds a lead and counts it in a setting: in every export, made while those
    commits go on, the leads, their sync identity and the count agree."""
    store.execute("INSERT INTO settings (key, value) VALUES ('leads', '1')")
    done = threading.Event()

    def keep_committing() -> None:
        with closing(connect(tmp_path / "a.db")) as writer:
            number = 1
            while not done.is_set():
                number += 1
                writer.execute("BEGIN IMMEDIATE")
                _add_lead(writer, number)
                writer.execute("UPDATE settings SET value = ? WHERE key = 'leads'", (number,))
                writer.execute("COMMIT")

    writing = threading.Thread(target=keep_committing)
    writing.start()
    try:
        exports = [_export(store) for _ in range(6)]
    finally:
        done.set()
        writing.join()
    for text in exports:
        records = [json.loads(line) for line in text.splitlines()[1:]]
        leads = [r for r in records if r["table"] == "leads"]
        counted = next(r["row"]["value"] for r in records if r["table"] == "settings")
        identities = [r for r in records if r["table"] == "sync_ids" and r["row"]["tbl"] == "leads"]
        assert len(leads) == int(counted) == len(identities)


def test_a_writer_holding_the_lock_leaves_the_export_to_one_connection(
    store: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _export(store)
    monkeypatch.setattr(export_batches, "LOCK_WAIT_SECONDS", 0.0)
    with closing(connect(tmp_path / "a.db")) as writer:
        writer.execute("BEGIN IMMEDIATE")
        _add_lead(writer, 2)
        with shared_snapshot(store) as helpers:
            assert helpers == []
        assert _export(store) == before  # the uncommitted lead is in no snapshot
        writer.execute("ROLLBACK")


class _Closes(io.StringIO):
    """A reader that goes away after a few writes, as `| head` does."""

    def __init__(self, writes: int) -> None:
        super().__init__()
        self.left = writes

    def write(self, text: str) -> int:
        self.left -= 1
        if self.left < 0:
            raise BrokenPipeError
        return super().write(text)


def test_a_reader_that_goes_away_stops_the_helpers(store: sqlite3.Connection) -> None:
    threads = threading.active_count()
    full = _export(store)
    out = _Closes(writes=5)
    with pytest.raises(BrokenPipeError):
        export_jsonl(store, out)
    assert full.startswith(out.getvalue())
    assert threading.active_count() == threads
    assert not store.in_transaction
