"""A pull's bulk insert keeps the derived tables (step_arrivals, task_rank) without their
per-row triggers, rebuilt set-based in the same transaction (store.derived_tables): the store
it leaves is the one the per-row triggers leave, row for row, triggers included."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.sync.changes import RowChange
from salescoach.store import derived_tables, sync_apply
from salescoach.store.db import transaction
from tests.store.test_step_arrivals import KEPT, RECOMPUTED
from tests.support.store import (
    assert_killed_script_leaves_store,
    comparable_contents,
    fresh_store,
)

STAMPS = [f"2026-03-{day:02d}T{hour:02d}:00:00+00:00" for day in (1, 2, 9) for hour in (9, 14)]
LEADS = 4
ROOT = Path(__file__).resolve().parents[2]


def _lead(gid: str, n: int, step: str) -> RowChange:
    return RowChange("leads", gid, gid, "ann", "r2", f"{n:018d}-000000-r2", {
        "name": f"Lead {n}", "playbook": "b2b-saas", "owner": "ann", "step": step,
        "status": "open", "temperature": "warm", "step_entered_at": STAMPS[0],
        "created_at": STAMPS[0], "updated_at": STAMPS[0],
    })  # fmt: skip


def _interaction(lead_gid: str, n: int, at: str, step: str | None) -> RowChange:
    # Channels, objections and results vary with n, for the report's period marks.
    objection = n % 3 == 0
    return RowChange("interactions", str(uuid.UUID(int=n)), lead_gid, "ann", "r2",
                     f"{n:018d}-000000-r2", {
        "at": at, "step": step, "channel": ("call", "email", "meeting", None)[n % 4],
        "kind": "objection" if objection else "note", "text": "called",
        "objection": ("price", "timing")[n % 2] if objection else None,
        "result": ("resolved", None)[n % 5 % 2] if objection else None,
        "duration_minutes": None, "detail_json": None, "session_gid": None,
    })  # fmt: skip


def _task(lead_gid: str, n: int, due: str, status: str, priority: str) -> RowChange:
    return RowChange("tasks", str(uuid.UUID(int=n)), lead_gid, "ann", "r2",
                     f"{n:018d}-000000-r2", {
        "title": f"Task {n}", "due": due, "priority": priority, "status": status,
        "created_at": STAMPS[0], "updated_at": STAMPS[0],
    })  # fmt: skip


events = st.lists(
    st.tuples(
        st.integers(0, LEADS - 1),
        st.sampled_from(STAMPS),
        st.sampled_from([*STEP_IDS, None, "unknown"]),
    ),
    max_size=30,
)
tasks = st.lists(
    st.tuples(
        st.integers(0, LEADS - 1),
        st.sampled_from(["2026-03-03", "2026-03-10"]),
        st.sampled_from(["open", "open", "done"]),
        st.sampled_from(["low", "normal", "high"]),
    ),
    max_size=8,
)


def _batches(
    steps: list[str], first: list[tuple], second: list[tuple], todo: list[tuple]
) -> Iterator[list[RowChange]]:
    gids = [str(uuid.UUID(int=10**6 + k)) for k in range(LEADS)]
    n = iter(range(1, 10**6))
    yield [_lead(gid, next(n), step) for gid, step in zip(gids, steps, strict=True)] + [
        _interaction(gids[lead], next(n), at, step) for lead, at, step in first
    ]
    yield [_interaction(gids[lead], next(n), at, step) for lead, at, step in second] + [
        _task(gids[lead], next(n), *rest) for lead, *rest in todo
    ]


def _pulled(many: int, monkeypatch: pytest.MonkeyPatch, batches: list[list[RowChange]]) -> dict:
    monkeypatch.setattr(sync_apply, "_MANY", many)
    with fresh_store() as conn:
        for k, batch in enumerate(batches):
            sync_apply.apply_batch(conn, batch, f"1:{k}", rep="ann")
            with transaction(conn):  # a local write between pulls: its triggers fire as ever
                conn.execute(
                    "INSERT INTO interactions (lead_id, at, step, kind) "
                    "VALUES (1, '2026-03-02T10:00:00+00:00', 'presentation', 'note')"
                )
        assert [tuple(r) for r in conn.execute(KEPT)] == [
            tuple(r) for r in conn.execute(RECOMPUTED)
        ]
        return comparable_contents(conn)


@settings(max_examples=40, deadline=None)
@given(
    steps=st.lists(st.sampled_from(STEP_IDS), min_size=LEADS, max_size=LEADS),
    first=events,
    second=events,
    todo=tasks,
)
def test_a_bulk_insert_leaves_the_store_the_per_row_triggers_leave(
    steps: list[str], first: list[tuple], second: list[tuple], todo: list[tuple]
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        batches = list(_batches(steps, first, second, todo))
        assert _pulled(1, monkeypatch, batches) == _pulled(10**9, monkeypatch, batches)


def test_a_failed_bulk_apply_puts_the_triggers_back_and_keeps_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_apply, "_MANY", 1)

    def fail(conn: sqlite3.Connection) -> None:
        raise RuntimeError("killed after the bulk insert")

    monkeypatch.setattr(sync_apply, "_retry_parked", fail)
    batch = next(_batches(["approach"] * LEADS, [(0, STAMPS[1], "approach")] * 3, [], []))
    with fresh_store() as conn:
        before = comparable_contents(conn)
        with pytest.raises(RuntimeError):
            sync_apply.apply_batch(conn, batch, "1:0", rep="ann")
        assert comparable_contents(conn) == before


def test_every_registered_trigger_exists_on_its_tables() -> None:
    """A renamed trigger would silently keep firing per row (slow, not wrong): say so."""
    with fresh_store() as conn:
        triggers = dict(
            conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        )
        for rebuild in derived_tables.REBUILDS:
            assert set(rebuild.triggers) <= triggers.keys(), rebuild
            assert rebuild.source in {triggers[name] for name in rebuild.triggers}


_KILLED_MID_APPLY = """
import os, signal, sys
from pathlib import Path
from salescoach.store import derived_tables, lead_search, sync_apply
from salescoach.store.db import connect
from tests.store.test_derived_tables import STAMPS, _batches

sync_apply._MANY = 1
conn = connect(Path(sys.argv[1]))
# Killed in the last rebuild statement: the triggers are still dropped, the rows inserted.
conn.create_function("die", 0, lambda: os.kill(os.getpid(), signal.SIGKILL))
dying = derived_tables.Rebuild("interactions", ("step_arrivals_insert",), ("SELECT die()",))
derived_tables.REBUILDS = (*derived_tables.REBUILDS, dying)
pulled = [(0, STAMPS[1], "approach"), (1, STAMPS[0], "closing")]
batch = next(_batches(["approach"] * 4, pulled, [], []))
sync_apply.apply_batch(conn, batch, "1:0", rep="ann")
"""


def test_a_pull_killed_inside_its_bulk_apply_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    """SIGKILL inside the bulk insert (rows in, triggers dropped, step_arrivals rebuilt): the
    next open finds every trigger in place, and no pulled row nor derived row."""
    assert_killed_script_leaves_store(tmp_path / "salescoach.db", _KILLED_MID_APPLY, ROOT)
