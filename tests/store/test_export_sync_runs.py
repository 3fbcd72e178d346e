"""Version 2's runs stand for exactly the sync rows the store holds, whatever state the
sync left them in, and a restore gives back the same store: the same gids, origins and
aliases, the same outbox (seqs, stamps, refusals), the same clocks, byte for byte the same
export again. Version 1 files still restore to the same store."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings

from salescoach.core.kernel import jsonlines
from salescoach.errors import UsageError
from salescoach.store import sync_runs
from salescoach.store.db import connect
from salescoach.store.exporter import export_jsonl
from salescoach.store.jsonl_import import import_jsonl
from tests.support.export_runs import as_version_1, python_export
from tests.support.store import fresh_store
from tests.support.sync_states import STAMP, apply_state, sync_states, write_rows

SYNC = ("sync_ids", "sync_outbox", "sync_clock", "sync_parked", "sync_handed_away")


def _export(conn: sqlite3.Connection, batch: int = 2000) -> str:
    out = io.StringIO()
    with mock.patch.object(sync_runs, "_BATCH", batch):
        export_jsonl(conn, out)
    return out.getvalue()


def _sync_rows(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    tables = {table: f"SELECT * FROM {table} ORDER BY rowid" for table in SYNC}
    tables["sync_state"] = "SELECT clock, last_sync_at FROM sync_state"
    tables["sqlite_sequence"] = "SELECT * FROM sqlite_sequence WHERE name = 'sync_outbox'"
    return {name: [tuple(r) for r in conn.execute(query)] for name, query in tables.items()}


def _restored(text: str) -> tuple[dict[str, list[tuple[object, ...]]], str]:
    with fresh_store() as conn:
        import_jsonl(conn, jsonlines.split_lines(text), "all.jsonl")
        return _sync_rows(conn), _export(conn)


@settings(max_examples=60, deadline=None)
@given(state=sync_states())
def test_runs_stand_for_every_sync_row_and_restore_it(state: dict[str, object]) -> None:
    with fresh_store() as conn:
        apply_state(conn, state)
        written = _export(conn, state["batch"])  # type: ignore[arg-type]
        # The runs are the same whatever the batches, so a restored store (other rowid
        # gaps, other batches) writes them again.
        assert written == _export(conn)
        assert as_version_1(written) == python_export(conn, "all")
        rows, version_1 = _sync_rows(conn), python_export(conn, "all")
    sequence = rows.pop("sqlite_sequence")
    restored, again = _restored(written)
    # The outbox's counter restarts after the highest seq kept, as from a version 1 file.
    assert restored.pop("sqlite_sequence") <= sequence
    assert restored == rows
    assert again == written
    from_version_1 = _restored(version_1)
    from_version_1[0].pop("sqlite_sequence")
    assert from_version_1 == (restored, written)


def test_a_never_synced_store_writes_a_few_lines_for_its_whole_identity() -> None:
    with fresh_store() as conn:
        write_rows(conn, leads=30, events=80, goals=0)
        conn.execute("UPDATE sync_outbox SET at = 5")  # one moment: one run per table
        lines = _export(conn, batch=7).splitlines()
    runs = [line for line in lines if not line.startswith('{"table"')][1:]
    records = [jsonlines.loads(line) for line in runs]
    assert [record.get("ids") or record["pending"] for record in records] == [
        "leads", "interactions", "answers", "leads", "interactions", "answers",
    ]  # fmt: skip
    assert [len(record.get("gid", ())) for record in records[:3]] == [30, 2400, 1]
    assert [record.get("count") for record in records[3:]] == [30, 2400, 1]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"ids":"leads","row":1,"gid":[]}', "gid must be a list of text"),
        ('{"ids":"leads","row":"1","gid":["g"]}', "row must be a whole number"),
        ('{"ids":"leads","row":1,"gid":["g"],"alias":1}', "an optional"),
        ('{"pending":"leads","seq":1,"row":1,"count":0,"at":5}', "count must be at least 1"),
        ('{"pending":"leads","seq":1,"row":1,"count":2,"at":1.5}', "whole numbers"),
        ('{"pending":"leads","seq":1,"row":1,"count":99999999999,"at":5}', "more than"),
    ],
)
def test_a_broken_run_is_refused_with_its_line(line: str, message: str) -> None:
    header = '{"format":"salescoach-export","version":2,"schema":1}\n'
    with fresh_store() as conn, pytest.raises(UsageError, match=rf"all.jsonl:2: .*{message}"):
        import_jsonl(conn, jsonlines.split_lines(header + line + "\n"), "all.jsonl")


def test_a_run_line_in_a_version_1_file_is_no_row() -> None:
    header = '{"format":"salescoach-export","version":1,"schema":1}\n'
    line = '{"ids":"leads","row":1,"gid":["g"]}\n'
    with fresh_store() as conn, pytest.raises(UsageError, match=r'all.jsonl:2: expected \{"table"'):
        import_jsonl(conn, jsonlines.split_lines(header + line), "all.jsonl")


def test_a_run_past_the_largest_id_is_refused() -> None:
    header = '{"format":"salescoach-export","version":2,"schema":1}\n'
    line = f'{{"pending":"leads","seq":{2**63 - 1},"row":1,"count":2,"at":5}}\n'
    with fresh_store() as conn, pytest.raises(UsageError, match="too large"):
        import_jsonl(conn, jsonlines.split_lines(header + line), "all.jsonl")


def test_an_export_reads_one_snapshot_while_another_connection_writes(tmp_path: Path) -> None:
    """Rows, gids and outbox entries written between two batches are not in the export."""
    path = tmp_path / "a.db"
    with closing(connect(path)) as conn, closing(connect(path)) as other:
        write_rows(conn, leads=3, events=10, goals=0)
        before = _export(conn, batch=7)

        class Writing(io.StringIO):
            def write(self, text: str) -> int:
                if self.tell():  # from the first line after the header (the snapshot's)
                    self._change()
                return super().write(text)

            def _change(self) -> None:
                other.execute(
                    "INSERT INTO interactions (lead_id, at, kind) VALUES (1, ?, 'note')", (STAMP,)
                )
                other.execute("UPDATE leads SET temperature = 'warm' WHERE id = 2")
                other.execute("DELETE FROM sync_outbox WHERE seq = 3")

        out = Writing()
        with mock.patch.object(sync_runs, "_BATCH", 7):
            export_jsonl(conn, out)
        assert out.getvalue() == before
        assert _export(conn, batch=7) != before
