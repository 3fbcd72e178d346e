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
from hypothesis import strategies as st

from salescoach.core.kernel import jsonlines
from salescoach.errors import UsageError
from salescoach.store import sync_runs
from salescoach.store.db import connect
from salescoach.store.exporter import export_jsonl
from salescoach.store.jsonl_import import import_jsonl
from tests.support.export_runs import as_version_1, python_export
from tests.support.store import fresh_store

STAMP = "2026-03-11T09:00:00+00:00"
SYNC = ("sync_ids", "sync_outbox", "sync_clock", "sync_parked", "sync_handed_away")
fields = st.sampled_from(("name", "step"))
aliased = st.sampled_from(("answers", "goals"))
gids = st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=8))


def _write(conn: sqlite3.Connection, leads: int, events: int, goals: int) -> None:
    conn.executemany(
        "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
        "VALUES (?, 'minimal', ?, ?, ?)",
        [(f"Lead {n}", STAMP, STAMP, STAMP) for n in range(leads)],
    )
    conn.executemany(
        "INSERT INTO interactions (lead_id, at, kind, text) VALUES (?, ?, 'note', 'x')",
        [(n % leads + 1, STAMP) for n in range(leads * events)],
    )
    conn.execute(
        "INSERT INTO answers (lead_id, field, value_json, step, question, updated_at) "
        "VALUES (1, 'f', '1', 'prospecting', 'q', ?)",
        (STAMP,),
    )
    for n in range(goals):
        conn.execute(
            "INSERT INTO goals (metric, target, period, created_at) VALUES ('calls', 1, ?, ?)",
            (("day", "week", "month")[n], STAMP),
        )


@st.composite
def sync_states(draw: st.DrawFn) -> dict[str, object]:
    """What syncing did to a store: pushed (cleared), stamped and refused entries, pulled
    rows (an origin), aliases, field clocks, removed goals, edits, odd gids and times."""
    picks = st.lists(st.integers(1, 60), max_size=12, unique=True)
    return {
        "shape": (draw(st.integers(1, 5)), draw(st.integers(0, 4)), draw(st.integers(0, 3))),
        "cleared": draw(picks),
        "stamped": draw(picks),
        "refused": draw(picks),
        "times": draw(st.lists(st.tuples(st.integers(1, 60), st.integers(0, 2**40)), max_size=6)),
        "pulled": draw(st.lists(st.tuples(st.integers(1, 60), st.sampled_from("ab")), max_size=8)),
        "gids": draw(st.lists(st.tuples(st.integers(1, 60), gids), max_size=4)),
        "aliases": draw(st.lists(st.tuples(aliased, gids), max_size=3)),
        "clocks": draw(st.lists(st.tuples(st.integers(1, 5), fields), max_size=4, unique=True)),
        "edits": draw(st.lists(st.integers(1, 5), max_size=4)),
        "removed": draw(st.lists(st.integers(1, 3), max_size=2, unique=True)),
        "batch": draw(st.sampled_from((1, 2, 3, 7, 2000))),
    }  # fmt: skip


def _apply(conn: sqlite3.Connection, state: dict[str, object]) -> None:
    _write(conn, *state["shape"])  # type: ignore[misc]
    for lead in state["edits"]:  # type: ignore[attr-defined]
        conn.execute("UPDATE leads SET temperature = 'warm' WHERE id = ?", (lead,))
    for goal in state["removed"]:  # type: ignore[attr-defined]
        conn.execute("DELETE FROM goals WHERE id = ?", (goal,))
    for seq in state["cleared"]:  # type: ignore[attr-defined]
        conn.execute("DELETE FROM sync_outbox WHERE seq = ?", (seq,))
    for seq in state["stamped"]:  # type: ignore[attr-defined]
        conn.execute("UPDATE sync_outbox SET hlc = ? WHERE seq = ?", (f"{seq:016d}-0-r", seq))
    for seq in state["refused"]:  # type: ignore[attr-defined]
        conn.execute("UPDATE sync_outbox SET refused = 1, kept = '{}' WHERE seq = ?", (seq,))
    for seq, at in state["times"]:  # type: ignore[attr-defined]
        conn.execute("UPDATE sync_outbox SET at = ? WHERE seq = ?", (at, seq))
    for rowid, origin in state["pulled"]:  # type: ignore[attr-defined]
        conn.execute("UPDATE sync_ids SET origin = ? WHERE rowid = ?", (origin, rowid))
    for rowid, gid in state["gids"]:  # type: ignore[attr-defined]
        conn.execute("UPDATE OR IGNORE sync_ids SET gid = ? WHERE rowid = ?", (gid, rowid))
    for table, gid in state["aliases"]:  # type: ignore[attr-defined]
        conn.execute(
            "INSERT OR IGNORE INTO sync_ids (tbl, gid, row, origin, alias) "
            "VALUES (?, ?, 1, 'b', 1)",
            (table, gid),
        )
    for lead, field in state["clocks"]:  # type: ignore[attr-defined]
        conn.execute(
            "INSERT INTO sync_clock (tbl, row, field, hlc) VALUES ('leads', ?, ?, '1-0-r')",
            (lead, field),
        )
    conn.execute("UPDATE sync_state SET clock = '9-0-r', last_sync_at = ?", (STAMP,))


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
        _apply(conn, state)
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
        _write(conn, leads=30, events=80, goals=0)
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
        _write(conn, leads=3, events=10, goals=0)
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
