"""Applying what was pulled from the hub: new rows get local ids, records merge field by field.

A pulled batch and the cursor after it are saved in one transaction, so a sync killed half-way
has either applied the whole batch and moved on, or applied none of it and pulls it again.
Rows pulled are not sent back: the capture triggers are off inside that transaction.

- A row never seen gets the next local id (the CLI keeps `lead 30`); its lead and walk session
  are found by gid. A row whose lead has not arrived yet is parked and retried.
- A record seen before takes each field whose stamp is newer than the one that wrote it here,
  except fields changed here and not yet stamped: those are stamped after everything this
  replica has seen, so they win anyway (the merge rule of `core.sync.merge`).
- The same answer or goal (one lead's field; one metric and period) made on two replicas at
  once becomes one row with both gids, merged field by field, on every replica alike.
- A removed goal (its tombstone) is deleted here; events already held are never rewritten.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from salescoach.core.sync import clock
from salescoach.core.sync.changes import EVENT_TABLES, FieldValue, RowChange
from salescoach.core.sync.merge import REMOVED, winning_fields
from salescoach.store import derived_tables
from salescoach.store.db import transaction
from salescoach.store.sync_outbox import columns_of, pending_fields, read_clock, save_clock

# Parents first: a batch's tasks and interactions find their lead and session.
_ORDER = {"leads": 0, "sessions": 1}
# What makes two rows the same row, besides the gid.
_NATURAL_KEYS = {
    "answers": ("lead_id", "field"),
    "goals": ("metric", "period"),
    "tasks": ("lead_id", "dedupe_key"),
    "leads": ("crm_vendor", "crm_id"),
}


class _Parked(Exception):
    """The change cannot be applied yet."""


def apply_batch(
    conn: sqlite3.Connection, changes: Sequence[RowChange], cursor: str, *, rep: str | None = None
) -> int:
    """Apply one pulled batch and save the cursor after it, all in one transaction. Returns
    how many changes changed this store (a new row, a field taken, a removal; a parked change
    once it is applied): the replica's own changes coming back change nothing. `rep`: the
    rep pulling (None for the manager, who may write every lead): a lead the batch gives to
    someone else is marked read-only here (`sync_handed_away`), one that comes back is
    theirs again."""
    with transaction(conn):
        return apply_batch_within(conn, changes, cursor, rep=rep)


def apply_batch_within(
    conn: sqlite3.Connection, changes: Sequence[RowChange], cursor: str, *, rep: str | None = None
) -> int:
    """`apply_batch` inside the caller's transaction (`store.sync_first_pull`: a whole first
    pull in one)."""
    conn.execute("UPDATE sync_state SET applying = 1")
    good, bad = _checked(conn, changes)
    conn.executemany(
        "INSERT INTO sync_parked (tbl, gid, change_json, reason) VALUES (?, ?, ?, ?)",
        [(c.table, c.gid, json.dumps(_as_json(c)), why) for c, why in bad],
    )
    events = [c for c in good if c.table in EVENT_TABLES]
    records = [c for c in good if c.table not in EVENT_TABLES]
    inserted, rest = _insert_new_records(conn, sorted(records, key=_parents_first))
    changed = inserted + sum(_apply_or_park(conn, change) for change in rest)
    changed += _insert_events(conn, events)
    changed += _retry_parked(conn)
    if rep is not None:
        _mark_handed_away(conn, records, rep)
    save_clock(conn, _observed(read_clock(conn), changes))
    conn.execute("UPDATE sync_state SET cursor = ?, applying = 0", (cursor,))
    return changed


@contextmanager
def bulk_pull(conn: sqlite3.Connection) -> Iterator[None]:
    """Settings for applying a large pull, put back afterwards. Temporary files in memory:
    each row an `executemany` inserts is a statement with its own statement journal, which
    otherwise goes to a temporary file (half the pull's page writes). A 32 MiB page cache
    instead of 2: the gid indexes take random keys, and a batch touches most of their pages.
    A checkpoint every 10,000 pages of the write-ahead log instead of 1,000: a page each
    batch writes again is copied back once per checkpoint, and each checkpoint syncs the disk.
    No cyclic garbage collection meanwhile: a batch's many small objects hold no cycles,
    and each collection walks all of them."""
    import gc

    before = [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in _PULL_SETTINGS]
    collecting = gc.isenabled()
    for name, value in _PULL_SETTINGS.items():
        conn.execute(f"PRAGMA {name} = {value}")
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
        for name, value in zip(_PULL_SETTINGS, before, strict=True):
            conn.execute(f"PRAGMA {name} = {int(value)}")


# temp_store 2: MEMORY; cache_size negative: KiB; wal_autocheckpoint: pages.
_PULL_SETTINGS = {"temp_store": 2, "cache_size": -32 * 1024, "wal_autocheckpoint": 10_000}


def _checked(
    conn: sqlite3.Connection, changes: Sequence[RowChange]
) -> tuple[Sequence[RowChange], list[tuple[RowChange, str]]]:
    if not changes:
        return changes, []
    # Imported here: the row checks bring the commands' field rules, which an idle sync
    # (nothing pulled) never needs.
    from salescoach.store import sync_checks

    return sync_checks.checked(conn, changes)


def _mark_handed_away(conn: sqlite3.Connection, records: Sequence[RowChange], rep: str) -> None:
    """Leads whose owner the batch set: read-only here when now someone else's."""
    gids = {c.gid for c in records if c.table == "leads" and "owner" in c.fields}
    rows = sorted(_rows_of(conn, "leads", gids).values())
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        owners = conn.execute(
            f"SELECT id, owner FROM leads WHERE id IN ({marks})", chunk
        ).fetchall()
        conn.executemany(
            "INSERT OR REPLACE INTO sync_handed_away (lead, owner) VALUES (?, ?)",
            [(lead, owner) for lead, owner in owners if owner is not None and owner != rep],
        )
        conn.executemany(
            "DELETE FROM sync_handed_away WHERE lead = ?",
            [(lead,) for lead, owner in owners if owner is None or owner == rep],
        )


def _parents_first(change: RowChange) -> int:
    return _ORDER.get(change.table, 2)


def _observed(last: clock.Stamp | None, changes: Sequence[RowChange]) -> clock.Stamp | None:
    """The clock after seeing the changes: only the latest stamp counts, and stamps sort as
    their text does, so one is parsed, not one per change."""
    for text in sorted({c.hlc for c in changes}, reverse=True):
        try:
            return clock.observe(last, clock.parse(text))
        except ValueError:  # not a stamp this version reads: it still merges as text
            continue
    return last


def _insert_new_records(
    conn: sqlite3.Connection, records: Sequence[RowChange]
) -> tuple[int, list[RowChange]]:
    """Records this store has never seen, each once in the batch, inserted in bulk (most of
    a first pull; how many, returned); the others are returned, to be merged one by one.
    Should a bulk insert hit a constraint (the same answer made on two replicas, a field
    still missing), its table's rows are merged one by one instead, with nothing of the
    bulk insert kept."""
    inserted = 0
    rest: list[RowChange] = []
    once = Counter(c.gid for c in records)
    by_table: dict[str, list[RowChange]] = {}
    for change in records:
        if once[change.gid] > 1 or change.fields.get(REMOVED):
            rest.append(change)
        else:
            by_table.setdefault(change.table, []).append(change)
    for table, batch in sorted(by_table.items(), key=lambda item: _ORDER.get(item[0], 2)):
        held = _rows_of(conn, table, {c.gid for c in batch})
        fresh = [c for c in batch if c.gid not in held]
        rest.extend(c for c in batch if c.gid in held)
        conn.execute("SAVEPOINT bulk_records")
        try:
            left = _insert_rows(conn, table, fresh)
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK TO bulk_records")
            left = fresh
        conn.execute("RELEASE bulk_records")
        inserted += len(fresh) - len(left)
        rest.extend(left)
    return inserted, sorted(rest, key=_parents_first)


def _insert_rows(conn: sqlite3.Connection, table: str, fresh: list[RowChange]) -> list[RowChange]:
    """Insert the new rows whose references are here; the others are returned."""
    new = _NewRows(conn, table, fresh)
    clocks: list[tuple[str, int, str, str]] = []
    left: list[RowChange] = []
    for change in fresh:
        row = new.add(change)
        if row is None:
            left.append(change)
            continue
        clocks.extend((table, row, name, change.hlc) for name in change.fields)
    _insert_new(conn, table, new)
    conn.executemany("INSERT INTO sync_clock (tbl, row, field, hlc) VALUES (?, ?, ?, ?)", clocks)
    return left


_Picker = Callable[[Any], tuple[Any, ...]]  # a mapping's values for some names, in their order
_Row = tuple[FieldValue, ...]  # a new row's rowid and column values


class _NewRows:
    """New rows of one table as local columns, each with the next local id: gids become
    local ids, fields naming no column are left out. Which fields a set of field names
    keeps is worked out once per set (a batch's events all carry the same), not per change."""

    def __init__(self, conn: sqlite3.Connection, table: str, changes: list[RowChange]) -> None:
        self.table = table
        self._known = set(columns_of(table))
        self._with_lead = "lead_id" in self._known
        self._leads = _rows_of(conn, "leads", {c.lead_gid for c in changes if c.lead_gid})
        self._sessions = _rows_of(
            conn, "sessions", {str(c.fields["session_gid"]) for c in changes
                               if c.fields.get("session_gid") is not None}
        )  # fmt: skip
        self._next = int(conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])
        self.first = self._next + 1  # the new rows' rowids: first..last
        # By field names: the picker of their columns' values, and where such rows go
        # without and with a walk session.
        self._shapes: dict[tuple[str, ...], tuple[_Picker, list[_Row], list[_Row]]] = {}
        self.rows: dict[tuple[str, ...], list[_Row]] = {}  # by column names
        self.ids: list[tuple[str, str, int, str]] = []

    @property
    def last(self) -> int:
        return self._next

    def add(self, change: RowChange) -> int | None:
        """The new row's local id; None when a row it refers to is not here."""
        fields = change.fields
        names = tuple(fields)
        shape = self._shapes.get(names)
        if shape is None:
            shape = self._shapes[names] = self._shape(names)
        pick, rows, session_rows = shape
        references: tuple[int, ...] = ()
        session = fields.get("session_gid")
        if session is not None:
            found = self._sessions.get(str(session))
            if found is None:
                return None
            references, rows = (found,), session_rows
        if self._with_lead:
            lead = self._leads.get(change.lead_gid)  # type: ignore[arg-type]
            if lead is None:
                return None
            references += (lead,)
        self._next += 1
        rows.append((self._next, *pick(fields), *references))
        self.ids.append((self.table, change.gid, self._next, change.origin))
        return self._next

    def _shape(self, names: tuple[str, ...]) -> tuple[_Picker, list[_Row], list[_Row]]:
        columns = tuple(n for n in names if n in self._known and n not in ("lead_id", "session_id"))
        lead = ("lead_id",) if self._with_lead else ()
        return (
            _picker(columns),
            self.rows.setdefault((*columns, *lead), []),
            self.rows.setdefault((*columns, "session_id", *lead), []),
        )


def _picker(names: tuple[str, ...]) -> _Picker:
    if len(names) == 1:
        only = names[0]
        return lambda fields: (fields[only],)
    return itemgetter(*names) if names else lambda fields: ()


def _insert_new(conn: sqlite3.Connection, table: str, new: _NewRows) -> None:
    """The new rows (one statement per column set) and their gids. The gids go in in gid
    order: random UUIDs inserted as they come touch the gid index's pages all over; sorted,
    a batch writes each page once. Many rows go in without the table's per-row triggers:
    the capture trigger (pulled rows are not sent back) and the derived tables' (rebuilt
    set-based for the new rows, store.derived_tables)."""
    with _bulk(conn, table, new):
        for names, values_list in new.rows.items():
            if not values_list:
                continue
            marks = ", ".join("?" for _ in range(len(names) + 1))
            conn.executemany(
                f"INSERT INTO {table} (rowid, {', '.join(names)}) VALUES ({marks})", values_list
            )
    new.ids.sort(key=itemgetter(1))
    conn.executemany("INSERT INTO sync_ids (tbl, gid, row, origin) VALUES (?, ?, ?, ?)", new.ids)


def _apply_or_park(conn: sqlite3.Connection, change: RowChange) -> bool:
    """Whether the change changed this store (False too when it is parked)."""
    try:
        return _apply(conn, change)  # parked before it writes anything; each write one statement
    except _Parked:
        conn.execute(
            "INSERT INTO sync_parked (tbl, gid, change_json) VALUES (?, ?, ?)",
            (change.table, change.gid, json.dumps(_as_json(change))),
        )
        return False


def _insert_events(conn: sqlite3.Connection, events: Sequence[RowChange]) -> int:
    """New events in bulk (most of a first pull): the ones held already are skipped, those
    whose lead or session has not arrived are parked. Returns how many went in."""
    inserted = 0
    for table in EVENT_TABLES:
        batch = [c for c in events if c.table == table]
        if not batch:
            continue
        held = _rows_of(conn, table, {c.gid for c in batch})
        new = _NewRows(conn, table, batch)
        for change in batch:
            if change.gid in held:
                continue
            row = new.add(change)
            if row is None:
                inserted += _apply_or_park(conn, change)
                continue
            held[change.gid] = row
        _insert_new(conn, table, new)
        inserted += len(new.ids)
    return inserted


_MANY = 1_000  # rows inserted at once from which the per-row triggers are taken off meanwhile


@contextmanager
def _bulk(conn: sqlite3.Connection, table: str, new: _NewRows) -> Iterator[None]:
    """Without the table's per-row insert triggers while many pulled rows go in: even when
    its condition is false (`applying` is set) SQLite runs a trigger's program for every row,
    more than half of what inserting an event costs. They are dropped and created again from
    their own stored text inside the apply's transaction, so no other connection ever sees
    the table without them, and a crash rolls both back."""
    if len(new.ids) < _MANY:
        yield
        return
    with (
        derived_tables.triggers_off(conn, (f"sync_{table}_insert",)),
        derived_tables.bulk_insert(conn, table, new.first, new.last),
    ):
        yield


def _rows_of(conn: sqlite3.Connection, table: str, gids: set[str]) -> dict[str, int]:
    """The local ids of the rows with these gids."""
    found: dict[str, int] = {}
    listed = sorted(gids)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        found.update(
            conn.execute(
                f"SELECT gid, row FROM sync_ids WHERE tbl = ? AND gid IN ({marks})",
                [table, *chunk],
            ).fetchall()
        )
    return found


def _retry_parked(conn: sqlite3.Connection) -> int:
    """The parked changes tried again; how many of them changed this store now."""
    parked = conn.execute(
        "SELECT seq, change_json FROM sync_parked WHERE reason IS NULL ORDER BY seq"
    ).fetchall()
    if not parked:
        return 0
    conn.execute("DELETE FROM sync_parked WHERE reason IS NULL")
    return sum(
        _apply_or_park(conn, _from_json(json.loads(entry["change_json"]))) for entry in parked
    )


def _apply(conn: sqlite3.Connection, change: RowChange) -> bool:
    """Apply one change; whether it changed this store."""
    row = find_row(conn, change.table, change.gid)
    if change.table in EVENT_TABLES:
        if row is not None:
            return False
        return _insert(conn, change, _columns(conn, change, change.fields)) is not None or (
            _apply(conn, change)  # the same row made elsewhere: merged into it
        )
    if row is None:
        if change.fields.get(REMOVED):
            return False
        row = _insert(conn, change, _columns(conn, change, change.fields))
        if row is None:
            return _apply(conn, change)  # the same row made elsewhere: merged into it
        _set_clocks(conn, change, row, change.fields)
        return True
    clocks = dict(
        conn.execute(
            "SELECT field, hlc FROM sync_clock WHERE tbl = ? AND row = ?", (change.table, row)
        ).fetchall()
    )
    won = winning_fields(clocks, change, pending=pending_fields(conn, change.table, row))
    if won.get(REMOVED):
        conn.execute(f"DELETE FROM {change.table} WHERE rowid = ?", (row,))
        conn.execute("DELETE FROM sync_clock WHERE tbl = ? AND row = ?", (change.table, row))
        conn.execute("DELETE FROM sync_ids WHERE tbl = ? AND row = ?", (change.table, row))
        return True
    values = _columns(conn, change, won)
    if values:
        sets = ", ".join(f"{name} = ?" for name in values)
        conn.execute(f"UPDATE {change.table} SET {sets} WHERE rowid = ?", [*values.values(), row])
    _set_clocks(conn, change, row, won)
    return bool(won)


def find_row(conn: sqlite3.Connection, table: str, gid: str | None) -> int | None:
    """The local id of the row with this gid (its own, or a second one it merged)."""
    if gid is None:
        return None
    found = conn.execute(
        "SELECT row FROM sync_ids WHERE tbl = ? AND gid = ?", (table, gid)
    ).fetchone()
    return int(found[0]) if found else None


def _columns(
    conn: sqlite3.Connection, change: RowChange, fields: Mapping[str, FieldValue]
) -> dict[str, FieldValue]:
    """The local columns for a change's fields: gids become local ids, unknown names go."""
    known = set(columns_of(change.table))
    values: dict[str, FieldValue] = {}
    for name, value in fields.items():
        if name == "session_gid":
            values["session_id"] = _local_id(conn, "sessions", value)
        elif name in known and name not in ("lead_id", "session_id"):
            values[name] = value
    if "lead_id" in known:
        values["lead_id"] = _local_id(conn, "leads", change.lead_gid)
    return values


def _local_id(conn: sqlite3.Connection, table: str, gid: object) -> int | None:
    if gid is None:
        return None
    row = find_row(conn, table, str(gid))
    if row is None:
        raise _Parked
    return row


def _insert(
    conn: sqlite3.Connection, change: RowChange, values: dict[str, FieldValue]
) -> int | None:
    names = list(values)
    try:
        cursor = conn.execute(
            f"INSERT INTO {change.table} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' for _ in names)})",
            list(values.values()),
        )
    except sqlite3.IntegrityError as error:
        if "UNIQUE" not in str(error):
            raise _Parked from None  # a field it needs has not arrived: another change has it
        same = _same_row(conn, change.table, values)
        if same is None:
            raise
        conn.execute(
            "INSERT INTO sync_ids (tbl, gid, row, origin, alias) VALUES (?, ?, ?, ?, 1)",
            (change.table, change.gid, same, change.origin),
        )
        return None  # the caller merges the change into that row
    row = int(cursor.lastrowid or 0)
    conn.execute(
        "INSERT INTO sync_ids (tbl, gid, row, origin) VALUES (?, ?, ?, ?)",
        (change.table, change.gid, row, change.origin),
    )
    return row


def _same_row(conn: sqlite3.Connection, table: str, values: dict[str, FieldValue]) -> int | None:
    key = _NATURAL_KEYS.get(table)
    if key is None or any(values.get(name) is None for name in key):
        return None
    where = " AND ".join(f"{name} = ?" for name in key)
    found = conn.execute(
        f"SELECT rowid FROM {table} WHERE {where}", [values[name] for name in key]
    ).fetchone()
    return int(found[0]) if found else None


def _set_clocks(
    conn: sqlite3.Connection, change: RowChange, row: int, fields: Iterable[str]
) -> None:
    conn.executemany(
        "INSERT INTO sync_clock (tbl, row, field, hlc) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (tbl, row, field) DO UPDATE SET hlc = excluded.hlc "
        "WHERE excluded.hlc > sync_clock.hlc",
        [(change.table, row, name, change.hlc) for name in fields],
    )


def _as_json(change: RowChange) -> dict[str, object]:
    return {
        "table": change.table, "gid": change.gid, "lead_gid": change.lead_gid,
        "owner": change.owner, "origin": change.origin, "hlc": change.hlc,
        "fields": dict(change.fields),
    }  # fmt: skip


def _from_json(data: dict[str, object]) -> RowChange:
    return RowChange(**data)  # type: ignore[arg-type]
