"""Stores as syncing leaves them, for the export's tests: rows of every kind, and a strategy
for what a sync did to their identity (pushed, stamped, refused and pulled entries, aliases,
field clocks, odd gids and times)."""

from __future__ import annotations

import sqlite3

from hypothesis import strategies as st

STAMP = "2026-03-11T09:00:00+00:00"
fields = st.sampled_from(("name", "step"))
aliased = st.sampled_from(("answers", "goals"))
gids = st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=8))


def write_rows(conn: sqlite3.Connection, leads: int, events: int, goals: int) -> None:
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


def apply_state(conn: sqlite3.Connection, state: dict[str, object]) -> None:
    write_rows(conn, *state["shape"])  # type: ignore[misc]
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
