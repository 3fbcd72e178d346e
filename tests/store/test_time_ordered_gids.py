"""Gids are version 7 UUIDs (RFC 9562) since M013, minted in SQL by the capture triggers and
in Python by the manager's desk: valid UUIDs of the usual text form, ordered by their time."""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.sync.gids import RANDOM_BYTES, time_ordered_gid
from salescoach.store.db import connect
from salescoach.store.sync_schema import SYNCED, gid_v7, missing_identities
from tests.support.store import build_v12

TEXT_FORM = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
MS = st.integers(min_value=0, max_value=(1 << 48) - 1)
ENTROPY = st.binary(min_size=RANDOM_BYTES, max_size=RANDOM_BYTES)


@pytest.fixture(scope="module")
def sql() -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(":memory:")) as conn:
        yield conn


def _minted(conn: sqlite3.Connection, ms: int) -> str:
    gid: str = conn.execute(f"SELECT {gid_v7(':ms')}", {"ms": ms}).fetchone()[0]
    return gid


def _check_v7(gid: str, ms: int | None = None) -> None:
    assert TEXT_FORM.match(gid), gid
    parsed = uuid.UUID(gid)
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert str(parsed) == gid  # the canonical text: what the hub's uuid column gives back
    if ms is not None:
        assert parsed.int >> 80 == ms


@given(ms=MS)
def test_the_sql_mints_a_valid_version_7_uuid_of_its_time(sql: sqlite3.Connection, ms: int) -> None:
    _check_v7(_minted(sql, ms), ms)


@given(earlier=MS, later=MS)
def test_a_gid_minted_later_sorts_after(sql: sqlite3.Connection, earlier: int, later: int) -> None:
    first, second = _minted(sql, earlier), _minted(sql, later)
    if earlier < later:
        assert first < second and uuid.UUID(first) < uuid.UUID(second)


def test_gids_of_one_millisecond_differ(sql: sqlite3.Connection) -> None:
    gids = {_minted(sql, 1_764_000_000_000) for _ in range(2_000)}
    assert len(gids) == 2_000


@given(ms=MS, entropy=ENTROPY, later=MS, other=ENTROPY)
def test_the_python_helper_mints_the_same_form(
    ms: int, entropy: bytes, later: int, other: bytes
) -> None:
    gid = time_ordered_gid(ms, entropy)
    _check_v7(gid, ms)
    if ms < later:
        assert gid < time_ordered_gid(later, other)


def test_the_python_helper_refuses_a_time_outside_48_bits() -> None:
    with pytest.raises(ValueError):
        time_ordered_gid(1 << 48, bytes(RANDOM_BYTES))
    with pytest.raises(ValueError):
        time_ordered_gid(-1, bytes(RANDOM_BYTES))
    with pytest.raises(ValueError):
        time_ordered_gid(0, bytes(RANDOM_BYTES - 1))


def _wall_ms(conn: sqlite3.Connection) -> int:
    return int(
        conn.execute(
            "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
        ).fetchone()[0]
    )


def test_every_synced_tables_trigger_mints_version_7(tmp_path: Path) -> None:
    connect(tmp_path / "s.db").close()
    with closing(sqlite3.connect(tmp_path / "s.db")) as conn:
        triggers = dict(
            conn.execute("SELECT tbl_name, sql FROM sqlite_master WHERE name LIKE 'sync_%_insert'")
        )
        assert set(triggers) == set(SYNCED)
        assert all("'-7'" in text and "'-4'" not in text for text in triggers.values())
        before = _wall_ms(conn)
        conn.execute(
            "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
            "VALUES ('Ada', 'minimal', 'a', 'a', 'a')"
        )
        conn.execute(
            "INSERT INTO interactions (lead_id, at, step, kind) VALUES (1, 'a', 's', 'note')"
        )
        conn.execute(
            "INSERT INTO tasks (lead_id, title, due, created_at, updated_at) "
            "VALUES (1, 'Call', '2026-03-12', 'a', 'a')"
        )
        conn.execute(
            "INSERT INTO goals (metric, target, period, created_at) "
            "VALUES ('calls', 5, 'week', 'a')"
        )
        conn.commit()
        after = _wall_ms(conn)
        gids = conn.execute("SELECT tbl, gid FROM sync_ids ORDER BY tbl").fetchall()
    assert [tbl for tbl, _gid in gids] == ["goals", "interactions", "leads", "tasks"]
    for _tbl, gid in gids:
        _check_v7(gid)
        assert before <= uuid.UUID(gid).int >> 80 <= after


def test_a_store_of_schema_12_keeps_its_gids_and_mints_version_7_for_new_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v12.db"
    build_v12(path)
    with closing(sqlite3.connect(path)) as conn:
        old = conn.execute("SELECT tbl, gid, row FROM sync_ids ORDER BY tbl, row").fetchall()
    assert old and all(uuid.UUID(gid).version == 4 for _t, gid, _r in old)
    with closing(connect(path)) as conn:
        conn.execute(
            "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
            "VALUES ('Grace', 'minimal', 'a', 'a', 'a')"
        )
        conn.commit()
        now = conn.execute("SELECT tbl, gid, row FROM sync_ids ORDER BY tbl, row").fetchall()
    added = [tuple(row) for row in now if tuple(row) not in {tuple(o) for o in old}]
    assert {tuple(o) for o in old} <= {tuple(row) for row in now}
    assert len(added) == 1 and added[0][0] == "leads"
    _check_v7(added[0][1])


def test_rows_restored_without_an_identity_get_version_7_gids(tmp_path: Path) -> None:
    connect(tmp_path / "s.db").close()
    with closing(sqlite3.connect(tmp_path / "s.db")) as conn:
        conn.execute(
            "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
            "VALUES ('Ada', 'minimal', 'a', 'a', 'a')"
        )
        conn.execute("DELETE FROM sync_ids")
        for statement in missing_identities():
            conn.execute(statement)
        gids = conn.execute("SELECT gid FROM sync_ids WHERE tbl = 'leads'").fetchall()
    assert len(gids) == 1
    _check_v7(gids[0][0])


def test_a_new_replica_id_is_version_7_too() -> None:
    from salescoach.hub.config import new_replica_id

    _check_v7(new_replica_id())
