"""A full export cut in two, its rest written by a second process (`store.export_tail`), gives
the same bytes and count as one process writing it all, from the same snapshot while others
write; when the second process cannot help (the lock is busy, it fails or hangs), this one
writes the rest. Any cut `halfway` may choose gives the whole export in its two parts."""

from __future__ import annotations

import io
import math
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescoach.errors import StoreError
from salescoach.store import export_tail, exporter
from salescoach.store.db import connect
from salescoach.store.exporter import export_jsonl
from tests.support.store import fresh_store
from tests.support.sync_states import STAMP, apply_state, sync_states, write_rows


@pytest.fixture
def tails(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int | str | None]]:
    """What each Tail copied (its rows; None when it failed, "raised" when it raised), every
    store worth a process."""
    copied: list[int | str | None] = []
    copy_to = export_tail.Tail.copy_to

    def counted(self: export_tail.Tail, write: export_tail.Write) -> int | None:
        try:
            result = copy_to(self, write)
        except StoreError:
            copied.append("raised")
            raise
        copied.append(result)
        return result

    monkeypatch.setattr(export_tail.Tail, "copy_to", counted)
    monkeypatch.setattr(export_tail, "MIN_ROWS", 0)
    yield copied


@pytest.fixture
def processes(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Every second process started."""
    started: list[subprocess.Popen[bytes]] = []
    popen = subprocess.Popen

    def recorded(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process: subprocess.Popen[bytes] = popen(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(export_tail.subprocess, "Popen", recorded)
    return started


def _export(conn: sqlite3.Connection) -> str:
    return _counted(conn)[0]


def _counted(conn: sqlite3.Connection) -> tuple[str, int]:
    out = io.StringIO()
    written = export_jsonl(conn, out)
    return out.getvalue(), written


def _alone(conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> str:
    return _counted_alone(conn, monkeypatch)[0]


def _counted_alone(conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    with monkeypatch.context() as patch:
        patch.setattr(export_tail, "MIN_ROWS", 10**18)
        return _counted(conn)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(state=sync_states())
def test_the_same_bytes_as_one_process_whatever_the_sync_did(
    state: dict[str, object], tails: list[int | str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_store() as conn:
        apply_state(conn, state)
        alone = _counted_alone(conn, monkeypatch)
        tails.clear()
        assert _counted(conn) == alone
        assert len(tails) == 1 and isinstance(tails[0], int)


def test_a_commit_during_the_export_is_in_neither_part(
    tmp_path: Path, tails: list[int | str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.db"
    with closing(connect(path)) as conn, closing(connect(path)) as other:
        write_rows(conn, leads=3, events=40, goals=1)
        before = _alone(conn, monkeypatch)

        class Writing(io.StringIO):
            def write(self, text: str) -> int:
                if self.tell() and not self.changed:  # after the header: the snapshot's begun
                    self.changed = True
                    # New rows, gids and outbox entries in both parts' tables.
                    other.execute(
                        "INSERT INTO interactions (lead_id, at, kind) VALUES (1, ?, 'note')",
                        (STAMP,),
                    )
                    other.execute("UPDATE leads SET temperature = 'warm' WHERE id = 2")
                    other.execute("DELETE FROM sync_outbox WHERE seq = 3")
                return super().write(text)

        out = Writing()
        out.changed = False
        export_jsonl(conn, out)
        assert out.changed and len(tails) == 1 and isinstance(tails[0], int)
        assert out.getvalue() == before
        assert _alone(conn, monkeypatch) != before


def test_a_busy_write_lock_leaves_the_rest_to_this_process(
    tmp_path: Path,
    tails: list[int | str | None],
    processes: list[subprocess.Popen[bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "a.db"
    with closing(connect(path)) as conn, closing(connect(path)) as writer:
        write_rows(conn, leads=2, events=5, goals=0)
        alone = _alone(conn, monkeypatch)
        writer.execute("BEGIN IMMEDIATE")
        try:
            assert _export(conn) == alone
        finally:
            writer.execute("ROLLBACK")
        # The second process started, was stopped before it began, and copied nothing.
        assert len(processes) == 1 and processes[0].returncode is not None and tails == []


_SAY = "import sys\ndef say(line):\n    sys.stdout.write(line)\n    sys.stdout.flush()\n"


@pytest.mark.parametrize(
    ("script", "copied"),
    [
        ("import sys; sys.exit(3)", []),  # dies before it starts
        ("import time; time.sleep(60)", []),  # hangs before it starts
        (_SAY + "say('started\\n'); sys.stdin.readline(); sys.exit(3)", []),  # dies at BEGIN
        (_SAY + "say('started\\n'); sys.stdin.readline(); import time; time.sleep(60)", []),
        (_SAY + "say('started\\n'); sys.stdin.readline(); say('ready\\n'); say('{}')", [None]),
        (_SAY + "say('started\\n'); sys.stdin.readline(); say('ready\\n'); sys.exit(1)", [None]),
    ],
)
def test_a_second_process_that_fails_leaves_the_rest_to_this_one(
    script: str,
    copied: list[None],
    tails: list[int | str | None],
    processes: list[subprocess.Popen[bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        export_tail, "second_process", lambda path, fd, cut: [sys.executable, "-c", script]
    )
    monkeypatch.setattr(export_tail, "START_WAIT_SECONDS", 1.0)
    monkeypatch.setattr(export_tail, "BEGIN_WAIT_SECONDS", 0.5)
    with fresh_store() as conn:
        write_rows(conn, leads=2, events=5, goals=1)
        alone = _alone(conn, monkeypatch)
        assert _export(conn) == alone
    # Started, waited for no longer than it should be, stopped (a hung one killed).
    assert len(processes) == 1 and processes[0].returncode is not None
    assert tails == copied


def test_a_blob_in_the_rest_fails_as_it_does_alone(
    tails: list[int | str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """JSON has no BLOB: the second process fails at it, and this one, writing the rest
    itself, stops where one process stops, with the same lines before it."""

    def stopped(conn: sqlite3.Connection) -> str:
        out = io.StringIO()
        with pytest.raises(TypeError, match="bytes is not JSON serializable"):
            export_jsonl(conn, out)
        return out.getvalue()

    with fresh_store() as conn:
        write_rows(conn, leads=2, events=40, goals=0)
        cut, _span = exporter.halfway(conn)
        assert cut[0] == "interactions"
        conn.execute("UPDATE interactions SET text = ? WHERE id = ?", (b"\x00", cut[1] + 3))
        with monkeypatch.context() as patch:
            patch.setattr(export_tail, "MIN_ROWS", 10**18)
            alone = stopped(conn)
        assert stopped(conn) == alone and tails == [None]
        assert alone.count('"table":"interactions"') > cut[1]  # the lines before the BLOB's


def test_a_number_json_cannot_carry_in_the_section_stops_the_export_as_it_does_alone(
    tails: list[int | str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    def stopped(conn: sqlite3.Connection) -> tuple[str, str]:
        out = io.StringIO()
        with pytest.raises(StoreError) as raised:
            export_jsonl(conn, out)
        return out.getvalue(), raised.value.message

    with fresh_store() as conn:
        write_rows(conn, leads=2, events=5, goals=0)
        conn.execute("UPDATE sync_outbox SET at = ? WHERE seq = 4", (math.inf,))
        with monkeypatch.context() as patch:
            patch.setattr(export_tail, "MIN_ROWS", 10**18)
            alone = stopped(conn)
        assert stopped(conn) == alone and tails == ["raised"]
        assert "sync_outbox" in alone[1] and '{"pending":' in alone[0]  # the entries before it


def test_the_second_process_is_stopped_when_the_export_stops_early(
    tails: list[int | str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that goes away (`| head`) or Ctrl-C: the second process does not outlive it."""
    started: list[object] = []
    popen = export_tail.subprocess.Popen

    def recorded(*args: object, **kwargs: object) -> object:
        process = popen(*args, **kwargs)  # type: ignore[call-overload]
        started.append(process)
        return process

    monkeypatch.setattr(export_tail.subprocess, "Popen", recorded)

    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    with fresh_store() as conn:
        write_rows(conn, leads=2, events=5, goals=0)
        with pytest.raises(BrokenPipeError):
            export_jsonl(conn, Gone())
        # Nothing is left of the export: no transaction, so a writer goes on at once.
        assert not conn.in_transaction
    assert len(started) == 1 and started[0].poll() is not None  # type: ignore[attr-defined]
    assert tails == []


def _parts(conn: sqlite3.Connection, cut: exporter.Cut | None) -> tuple[str, int]:
    out = io.BytesIO()
    with exporter.snapshot(conn):
        if cut is None:
            written = exporter.write_part(conn, out.write)
        else:
            written = exporter.write_part(conn, out.write, end=cut)
            written += exporter.write_part(conn, out.write, start=cut)
    return out.getvalue().decode(), written


@settings(max_examples=40, deadline=None)
@given(state=sync_states(), where=st.data())
def test_the_two_parts_of_any_cut_are_the_whole_export(
    state: dict[str, object], where: st.DataObject
) -> None:
    with fresh_store() as conn:
        apply_state(conn, state)
        whole = _parts(conn, None)
        # Inside a table SQLite writes line by line (any rowid, rows or none), or at a start.
        table = where.draw(st.sampled_from(exporter.EXPORT_ORDER))
        inside = table in ("leads", "interactions", "tasks", "answers")
        row = where.draw(st.integers(-3, 80)) if inside else exporter.FIRST_ROW
        assert _parts(conn, (table, row)) == whole
        cut, rows = exporter.halfway(conn)
        assert _parts(conn, cut) == whole
        assert rows >= whole[1]  # counted from rowids: more where rows were deleted


def test_halfway_cuts_a_used_store_inside_its_interactions() -> None:
    with fresh_store() as conn:
        write_rows(conn, leads=20, events=50, goals=1)
        (table, row), rows = exporter.halfway(conn)
        last = conn.execute("SELECT max(rowid) FROM interactions").fetchone()[0]
        assert table == "interactions" and 1 < row < last
        assert rows == _parts(conn, None)[1]
