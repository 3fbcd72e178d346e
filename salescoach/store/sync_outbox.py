"""The outbox: local changes stamped, read back as row changes, and cleared once the hub has them.

An entry leaves the outbox only after the hub committed it (`clear`), so a sync killed at any
point pushes it again; the hub ignores a change it already has. Stamps are given once
(`stamp_pending`, one transaction) and kept with the entry, so a change pushed twice is the
same change both times.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from salescoach.core.sync import clock
from salescoach.core.sync.changes import FieldValue, RowChange, SyncedTable
from salescoach.core.sync.merge import REMOVED
from salescoach.store.db import transaction
from salescoach.store.sync_schema import EVENT_COLUMNS, RECORD_COLUMNS, WHOLE_ROW

_LEAD_OF = {"tasks", "answers", "sessions", "interactions"}  # tables with a lead_id column


@dataclass(frozen=True, slots=True)
class Outgoing:
    """Row changes ready to push, and the outbox entries they came from."""

    changes: list[RowChange]
    seqs_by_hlc: dict[str, list[int]]
    stale: list[int]  # entries of rows gone since (nothing to push): cleared with the rest


def columns_of(table: str) -> tuple[str, ...]:
    return RECORD_COLUMNS.get(table) or EVENT_COLUMNS[table]


def read_clock(conn: sqlite3.Connection) -> clock.Stamp | None:
    text = conn.execute("SELECT clock FROM sync_state").fetchone()[0]
    return clock.parse(text) if text else None


def save_clock(conn: sqlite3.Connection, stamp: clock.Stamp | None) -> None:
    if stamp is not None:
        conn.execute("UPDATE sync_state SET clock = ?", (stamp.text(),))


def stamp_pending(conn: sqlite3.Connection, origin: str, wall_ms: int) -> int:
    """Give every unstamped entry its stamp, one per row changed (entries of one row since
    the last sync become one change), and record the fields' clocks. Returns how many."""
    with transaction(conn):
        rows = conn.execute(
            "SELECT seq, tbl, row, gid, fields, at FROM sync_outbox "
            "WHERE hlc IS NULL AND refused = 0 ORDER BY seq"
        ).fetchall()
        groups: dict[tuple[str, int, str | None], list[sqlite3.Row]] = {}
        for entry in rows:
            groups.setdefault((entry["tbl"], entry["row"], entry["gid"]), []).append(entry)
        last = read_clock(conn)
        stamps: list[tuple[str, int]] = []
        clocks: list[tuple[str, int, str, str]] = []
        for (table, row, removed_gid), entries in groups.items():
            last = clock.tick(last, max(wall_ms, max(e["at"] for e in entries)), origin)
            hlc = last.text()
            stamps.extend((hlc, e["seq"]) for e in entries)
            if table in RECORD_COLUMNS and removed_gid is None:
                names = _field_names(table, (e["fields"] for e in entries))
                clocks.extend((table, row, name, hlc) for name in names)
        conn.executemany("UPDATE sync_outbox SET hlc = ? WHERE seq = ?", stamps)
        conn.executemany(
            "INSERT INTO sync_clock (tbl, row, field, hlc) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (tbl, row, field) DO UPDATE SET hlc = excluded.hlc",
            clocks,
        )
        save_clock(conn, last)
    return len(groups)


def _field_names(table: str, field_lists: Iterable[str]) -> set[str]:
    """The names, as changes carry them, of the columns the entries changed."""
    names: set[str] = set()
    for text in field_lists:
        if text == WHOLE_ROW:
            names = set(columns_of(table))
            break
        names.update(json.loads(text))
    names.discard("lead_id")  # a row's lead travels as the change's lead_gid
    return {"session_gid" if name == "session_id" else name for name in names}


def pending_fields(conn: sqlite3.Connection, table: str, row: int) -> set[str]:
    """The fields of a row changed here and not stamped yet (they win over what arrives)."""
    texts = [
        r[0]
        for r in conn.execute(
            "SELECT fields FROM sync_outbox WHERE tbl = ? AND row = ? AND hlc IS NULL "
            "AND refused = 0 AND gid IS NULL",
            (table, row),
        )
    ]
    return _field_names(table, texts)


def outgoing(conn: sqlite3.Connection, rep: str, origin: str, limit: int) -> Outgoing:
    """Up to `limit` stamped changes, oldest first, as the hub takes them."""
    entries = conn.execute(
        "SELECT seq, tbl, row, gid, fields, hlc FROM sync_outbox "
        "WHERE refused = 0 AND hlc IN "
        "(SELECT DISTINCT hlc FROM sync_outbox WHERE refused = 0 AND hlc IS NOT NULL "
        " ORDER BY hlc LIMIT ?) ORDER BY seq",
        (limit,),
    ).fetchall()
    groups: dict[str, list[sqlite3.Row]] = {}
    for entry in entries:
        groups.setdefault(entry["hlc"], []).append(entry)
    rows = _Rows(conn, [(e["tbl"], e["row"]) for e in entries if e["gid"] is None])
    changes: list[RowChange] = []
    seqs: dict[str, list[int]] = {}
    stale: list[int] = []
    for hlc, group in sorted(groups.items()):
        change = _change(rows, group, rep, origin, hlc)
        if change is None:
            stale.extend(e["seq"] for e in group)
            continue
        changes.append(change)
        seqs[hlc] = [e["seq"] for e in group]
    return Outgoing(changes, seqs, stale)


class _Rows:
    """The rows a batch pushes and their gids, read a few hundred at a time."""

    def __init__(self, conn: sqlite3.Connection, wanted: list[tuple[str, int]]) -> None:
        self.conn = conn
        self.rows: dict[tuple[str, int], sqlite3.Row] = {}
        self.gids: dict[tuple[str, int], str] = {}
        by_table: dict[str, set[int]] = {}
        for table, row in wanted:
            by_table.setdefault(table, set()).add(row)
        for table, ids in by_table.items():
            for chunk in _chunks(sorted(ids)):
                marks = ", ".join("?" for _ in chunk)
                for found in conn.execute(
                    f"SELECT rowid AS _row, * FROM {table} WHERE rowid IN ({marks})", chunk
                ):
                    self.rows[(table, found["_row"])] = found
        # The gids of the rows, and of the leads and walk sessions they belong to.
        named = {table: set(ids) for table, ids in by_table.items()}
        for (table, _), found in self.rows.items():
            if table in _LEAD_OF:
                named.setdefault("leads", set()).add(found["lead_id"])
            if table in ("tasks", "interactions") and found["session_id"] is not None:
                named.setdefault("sessions", set()).add(found["session_id"])
        for table, ids in named.items():
            for chunk in _chunks(sorted(ids)):
                marks = ", ".join("?" for _ in chunk)
                for gid, row in conn.execute(
                    f"SELECT gid, row FROM sync_ids WHERE tbl = ? AND alias = 0 "
                    f"AND row IN ({marks})",
                    [table, *chunk],
                ):
                    self.gids[(table, row)] = gid

    def gid(self, table: str, row: int | None) -> str | None:
        return None if row is None else self.gids.get((table, row))


def _chunks(items: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(items), 500):
        yield items[start : start + 500]


def _change(
    rows: _Rows, group: list[sqlite3.Row], rep: str, origin: str, hlc: str
) -> RowChange | None:
    table: SyncedTable = group[0]["tbl"]
    row: int = group[0]["row"]
    if group[0]["gid"] is not None:  # a removal: the row is gone, its gid kept in the entry
        return RowChange(table, group[0]["gid"], None, rep, origin, hlc, {REMOVED: True})
    found = rows.rows.get((table, row))
    gid = rows.gid(table, row)
    if found is None or gid is None:
        return None
    fields: dict[str, FieldValue] = {}
    for name in _field_names(table, (e["fields"] for e in group)):
        if name == "session_gid":
            fields[name] = rows.gid("sessions", found["session_id"])
        else:
            fields[name] = found[name]
    lead_gid = gid if table == "leads" else None
    if table in _LEAD_OF:
        lead_gid = rows.gid("leads", found["lead_id"])
    return RowChange(table, gid, lead_gid, rep, origin, hlc, fields)


def clear(
    conn: sqlite3.Connection, pushed: Outgoing, refused: Iterable[RowChange], origin: str
) -> None:
    """After the hub committed: the pushed entries go, the refused ones stay, marked."""
    turned_down = {change.hlc: change for change in refused}
    kept = [
        (json.dumps(dict(turned_down[hlc].fields)), s)
        for hlc, seqs in pushed.seqs_by_hlc.items()
        if hlc in turned_down
        for s in seqs
    ]
    gone = [
        (s,) for hlc, seqs in pushed.seqs_by_hlc.items() if hlc not in turned_down for s in seqs
    ]
    with transaction(conn):
        conn.executemany("UPDATE sync_outbox SET refused = 1, kept = ? WHERE seq = ?", kept)
        # A refused field never won on the hub: the hub's value, whatever its stamp, applies
        # when the lead comes back; the refused value stays in `kept`.
        conn.executemany(
            "DELETE FROM sync_clock WHERE hlc = ? AND tbl = ? AND row IN "
            "(SELECT row FROM sync_outbox WHERE hlc = ?)",
            [(hlc, change.table, hlc) for hlc, change in turned_down.items()],
        )
        conn.executemany(
            "DELETE FROM sync_outbox WHERE seq = ?", gone + [(s,) for s in pushed.stale]
        )
        conn.execute("UPDATE sync_ids SET origin = ? WHERE origin IS NULL", (origin,))


def counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(rows waiting to be pushed, changes the hub refused)."""
    pending = conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT tbl, row, gid, hlc FROM sync_outbox "
        "WHERE refused = 0)"
    ).fetchone()[0]
    refused = conn.execute(
        "SELECT count(DISTINCT hlc) FROM sync_outbox WHERE refused = 1"
    ).fetchone()[0]
    return int(pending), int(refused)
