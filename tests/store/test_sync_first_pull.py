"""A first pull of many batches into an empty store is one transaction with the filled tables'
secondary indexes built at its end (store.sync_first_pull): it leaves the store that batch
after batch leaves, indexes included, and a pull cut off half-way leaves the store as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from salescoach.actions import sync
from salescoach.core.sync.changes import PullBatch, RowChange
from salescoach.store import sync_apply, sync_first_pull
from salescoach.store.db import transaction
from tests.store.test_derived_tables import STAMPS, _batches
from tests.store.test_step_arrivals import KEPT, RECOMPUTED
from tests.support.store import (
    assert_killed_script_leaves_store,
    comparable_contents,
    fresh_store,
)

ROOT = Path(__file__).resolve().parents[2]
STEPS = ["approach", "presentation", "approach", "closing"]
FIRST = [(0, STAMPS[1], "approach"), (1, STAMPS[0], "closing"), (3, STAMPS[4], None)]
SECOND = [(1, STAMPS[2], "presentation"), (2, STAMPS[3], "approach"), (0, STAMPS[0], "approach")]
TODO = [(0, "2026-03-03", "open", "high"), (2, "2026-03-10", "done", "low")]


def batches() -> list[list[RowChange]]:
    """Leads with interactions, more interactions and tasks, then edits of two leads seen in
    the first batch (their update triggers fire on rows the bulk insert put in)."""
    first, second = _batches(STEPS, FIRST, SECOND, TODO)
    edits = [
        replace(lead, hlc=f"{900 + k:018d}-000000-r2", fields={"step": "closing", "company": "Co"})
        for k, lead in enumerate(first[:2])
    ]
    return [first, second, edits]


class Batches:
    """A hub session that hands out the batches in turn; `fail_at`: the batch whose read
    fails as a dropped connection does."""

    rep, is_manager = "ann", False

    def __init__(self, batches: Sequence[list[RowChange]], fail_at: int | None = None) -> None:
        self.batches, self.fail_at = batches, fail_at

    def pull(self, cursor: str | None, limit: int) -> PullBatch:
        k = int(cursor.split(":")[1]) if cursor else 0
        if k == self.fail_at:
            raise ConnectionError("the hub went away mid-pull")
        more = k + 1 < len(self.batches)
        return PullBatch(self.batches[k], f"1:{k + 1}", more)


def _contents_and_schema(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row, and the schema without where each table and index starts in the file (an
    index built again starts elsewhere)."""
    found = comparable_contents(conn)
    found["schema"] = [(kind, name, table, sql) for kind, name, table, _, sql in found["schema"]]
    return found


@pytest.mark.parametrize("many", [1, 10**9])  # with and without the bulk inserts' rebuilds
def test_a_first_pull_leaves_the_store_batch_after_batch_leaves(
    many: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_apply, "_MANY", many)
    with fresh_store() as one_by_one:
        for k, batch in enumerate(batches()):
            sync_apply.apply_batch(one_by_one, batch, f"1:{k + 1}", rep="ann")
        expected = _contents_and_schema(one_by_one)
    with fresh_store() as whole:
        assert sync_first_pull.is_first_pull(whole)
        assert sync._pull(whole, Batches(batches())) > 0
        assert _contents_and_schema(whole) == expected  # every index back, too
        assert [tuple(r) for r in whole.execute(KEPT)] == [
            tuple(r) for r in whole.execute(RECOMPUTED)
        ]
        assert whole.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_first_pull_cut_off_half_way_leaves_the_store_as_it_was() -> None:
    with fresh_store() as conn:
        before = comparable_contents(conn)
        with pytest.raises(ConnectionError):
            sync._pull(conn, Batches(batches(), fail_at=2))
        assert not conn.in_transaction
        assert comparable_contents(conn) == before
        sync._pull(conn, Batches(batches()))  # the next sync pulls from the start
        assert conn.execute("SELECT cursor FROM sync_state").fetchone()[0] == "1:3"
        assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == len(STEPS)


def test_a_pull_into_a_store_holding_leads_commits_batch_by_batch() -> None:
    with fresh_store() as conn:
        with transaction(conn):
            conn.execute(
                "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
                "VALUES ('Local', 'b2b-saas', ?1, ?1, ?1)",
                (STAMPS[0],),
            )
        assert not sync_first_pull.is_first_pull(conn)
        with pytest.raises(ConnectionError):
            sync._pull(conn, Batches(batches(), fail_at=2))
        assert conn.execute("SELECT cursor FROM sync_state").fetchone()[0] == "1:2"


_KILLED_IN_FIRST_PULL = """
import os, signal, sys
from pathlib import Path
from salescoach.actions import sync
from salescoach.store import sync_apply
from salescoach.store.db import connect
from tests.store.test_sync_first_pull import Batches, batches

sync_apply._MANY = 1
conn = connect(Path(sys.argv[1]))
held = batches()


class Dying(Batches):
    def pull(self, cursor, limit):
        if cursor == "1:2":  # two batches applied, the indexes still set aside
            os.kill(os.getpid(), signal.SIGKILL)
        return super().pull(cursor, limit)


sync._pull(conn, Dying(held))
"""


def test_a_first_pull_killed_half_way_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    assert_killed_script_leaves_store(tmp_path / "salescoach.db", _KILLED_IN_FIRST_PULL, ROOT)
