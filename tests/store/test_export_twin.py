"""The full export's second reader: it sees exactly what the export's connection sees, the
bytes are those of one connection alone, and a store busy writing is exported alone."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from salescoach.store import export_twin
from salescoach.store.db import connect
from salescoach.store.exporter import export_jsonl, snapshot

STAMP = "2026-03-11T09:00:00+00:00"


def _store(path: Path, interactions: int) -> sqlite3.Connection:
    conn = connect(path)
    conn.execute(
        "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
        "VALUES ('Ada', 'minimal', ?, ?, ?)",
        (STAMP, STAMP, STAMP),
    )
    # Several batches of each reader, a REAL now and then (written by Python), and text
    # that needs escaping.
    conn.executemany(
        "INSERT INTO interactions (lead_id, at, kind, text, duration_minutes) "
        "VALUES (1, ?, 'note', ?, ?)",
        [(STAMP, f'note "{n}"\u2028\n', 0.5 if n % 1999 == 0 else n) for n in range(interactions)],
    )
    return conn


def _count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM interactions").fetchone()[0])


def test_the_twin_reads_the_snapshot_of_the_export(tmp_path: Path) -> None:
    with (
        closing(_store(tmp_path / "a.db", 10)) as conn,
        snapshot(conn),
        export_twin.twin(conn) as twin,
        closing(connect(tmp_path / "a.db")) as writer,
    ):
        assert twin is not None
        writer.execute(
            "INSERT INTO interactions (lead_id, at, kind) VALUES (1, ?, 'note')", (STAMP,)
        )
        twin.send("SELECT count(*) FROM interactions", ())
        assert twin.result() == (10,) and _count(conn) == 10
        assert _count(writer) == 11


@contextmanager
def _alone(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    yield None


def test_two_readers_write_the_bytes_of_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with closing(_store(tmp_path / "a.db", 9000)) as conn:
        both = io.StringIO()
        assert export_jsonl(conn, both) > 9000
        monkeypatch.setattr(export_twin, "twin", _alone)
        one = io.StringIO()
        export_jsonl(conn, one)
    assert both.getvalue() == one.getvalue()
    assert '"duration_minutes":0.5' in one.getvalue()  # the REALs went through Python


def test_a_store_busy_writing_is_exported_by_one_reader(tmp_path: Path) -> None:
    with closing(_store(tmp_path / "a.db", 10)) as conn:
        expected = io.StringIO()
        export_jsonl(conn, expected)
        with closing(connect(tmp_path / "a.db")) as writer:
            writer.execute("BEGIN IMMEDIATE")
            with snapshot(conn), export_twin.twin(conn) as twin:
                assert twin is None
            out = io.StringIO()
            export_jsonl(conn, out)
            writer.execute("ROLLBACK")
    assert out.getvalue() == expected.getvalue()
