"""The sync identity of a version 2 export, written as runs (and read back as rows).

A store holds about one `sync_ids` row and one pending `sync_outbox` entry for every row it
has not synced yet: as many lines again as its data, each a few integers and a UUID. Most of
them follow each other: gids of consecutive rows of one table, made here (no origin, no
alias), and the whole-row entries (`fields` '*', not stamped, not refused) of consecutive rows
at consecutive seqs. Such a run is one line:

    {"ids":"interactions","row":1,"gid":["...","..."]}     ("origin" after "ids" if pulled)
    {"pending":"interactions","seq":100001,"row":1,"count":2000,"at":1796147869472}

where the i-th gid or entry belongs to row `row + i` (and seq `seq + i`). Every other row
of the two tables keeps its full `{"table": ..., "row": {...}}` line, in its place. A run
is the longest such sequence in table order, whatever the batches the writer reads, so the
same store always gives the same lines. SQLite checks whether a batch of 2,000 is one run
(most are) in one pass of comparisons with its first row, joining its gids as it goes; a
batch of full lines only is joined by SQLite too; only mixed batches are read row by row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from salescoach.core.kernel import jsonlines
from salescoach.store.row_checks import Row
from salescoach.store.sync_schema import WHOLE_ROW

Write = Callable[[bytes], object]


@dataclass(frozen=True)
class FullLines:
    """How a row that is no run's member is written: `sql` gives its line's text in SQLite
    (char(1) where Python must write it), `python(table, rowid)` gives it in Python."""

    sql: Callable[[str], str]
    python: Callable[[str, int], bytes]


_BATCH = 2000
_LAST = 2**63 - 1
_WHOLE = "typeof(tbl) = 'text' AND typeof(row) = 'integer' AND row > 0"
IDS_RUN = f"{_WHOLE} AND alias IS 0 AND typeof(gid) = 'text' AND typeof(origin) IN ('null', 'text')"
PENDING_RUN = (
    f"{_WHOLE} AND seq > 0 AND fields = '*' AND typeof(fields) = 'text' AND gid IS NULL "
    "AND hlc IS NULL AND refused IS 0 AND kept IS NULL AND typeof(at) = 'integer'"
)
# The same tests for a whole batch, against its first row's values (?1 table, ?2 row - rowid,
# ?3 origin or at), as plain comparisons: the types follow (an INTEGER column's text is no
# number, its REAL never whole, a text never equals a BLOB; text sorts before any BLOB).
_IDS_LIKE_FIRST = "tbl = ?1 AND row = rowid + ?2 AND alias = 0 AND origin IS ?3 AND gid < X''"
_PENDING_LIKE_FIRST = (
    "tbl = ?1 AND row = seq + ?2 AND at = ?3 AND fields = '*' AND gid IS NULL AND hlc IS NULL "
    "AND kept IS NULL AND refused = 0"
)


def batches(
    conn: sqlite3.Connection, table: str, first: int = -(2**63), last: int = _LAST
) -> Iterator[tuple[int, int]]:
    """Ranges of 2,000 rowids, each starting at a row, in order, covering every row with a
    rowid from `first` to `last`."""
    first_sql = f"SELECT min(rowid) FROM {table} WHERE rowid >= ?"
    start = conn.execute(first_sql, (first,)).fetchone()[0]
    while start is not None and start <= last:
        end = min(start + _BATCH - 1, last)
        yield start, end
        start = None if end == last else conn.execute(first_sql, (end + 1,)).fetchone()[0]


@dataclass
class _Run:
    key: tuple[Any, ...]  # what every member shares
    first: dict[str, Any]  # the line's fields before its members
    next_row: int
    next_seq: int
    count: int = 0


class _Runs:
    """The run being written, continued while members follow on."""

    def __init__(self, write: Write, kind: str) -> None:
        self.write, self.kind = write, kind
        self.open: _Run | None = None

    def follows(self, key: tuple[Any, ...], row: int, seq: int) -> bool:
        run = self.open
        return run is not None and run.key == key and run.next_row == row and run.next_seq == seq

    def add(self, key: tuple[Any, ...], first: dict[str, Any], row: int, seq: int, n: int) -> None:
        if not self.follows(key, row, seq):
            self.close()
            self.open = _Run(key, first, row, seq)
            if self.kind == "ids":  # the gids follow, written as they come
                self.write(jsonlines.dumps(first)[:-1].encode() + b',"gid":[')
        run = self.open
        assert run is not None
        run.next_row, run.next_seq, run.count = row + n, seq + n, run.count + n

    def gids(self, text: bytes, first: bool) -> None:
        self.write(jsonlines.escape_line_breaks_utf8(text if first else b"," + text))

    def close(self) -> None:
        run, self.open = self.open, None
        if run is None:
            return
        if self.kind == "ids":
            self.write(b"]}\n")
        else:
            line = {**run.first, "count": run.count, "at": run.key[1]}
            self.write(jsonlines.dump_line(line).encode())

    def close_and_write(self, rows: int, lines: bytes) -> int:
        """End the open run and write `lines`, full lines standing for `rows` rows."""
        self.close()
        self.write(lines)
        return rows


def _whole_batch(
    conn: sqlite3.Connection,
    table: str,
    span: tuple[int, int],
    like_first: str,
    key: tuple[Any, ...],
    extra: str,
) -> tuple[int, Any] | None:
    """(rows, `extra` over them) if every row of the batch is like its first (`like_first`
    with `key`) and the rowids follow on without a gap; else None."""
    start, end = span
    n, unlike, more = conn.execute(
        f"SELECT count(*), sum(CASE WHEN {like_first} THEN 0 ELSE 1 END), {extra} "
        f"FROM {table} WHERE rowid BETWEEN ?4 AND ?5",
        (*key, start, end),
    ).fetchone()
    if unlike:
        return None
    if n != end - start + 1:
        last = conn.execute(
            f"SELECT max(rowid) FROM {table} WHERE rowid BETWEEN ? AND ?", (start, end)
        ).fetchone()[0]
        if last - start + 1 != n:
            return None
    return n, more


# Bytes a gid would need escaped in JSON (quotes are counted instead): marked 0.
_ESCAPED = bytes(0 if b < 0x20 or b == 0x5C else 1 for b in range(256))


def write_ids(conn: sqlite3.Connection, write: Write, full: FullLines) -> int:
    runs, written = _Runs(write, "ids"), 0
    first_row = "SELECT tbl, row, origin FROM sync_ids WHERE rowid = ?"
    for start, end in batches(conn, "sync_ids"):
        tbl, row, origin = conn.execute(first_row, (start,)).fetchone()
        whole = None
        if type(tbl) is str and type(row) is int and row > 0 and type(origin) in (str, type(None)):
            extra = "CAST(group_concat(gid, '\",\"') AS BLOB)"
            like = (tbl, row - start, origin)
            whole = _whole_batch(conn, "sync_ids", (start, end), _IDS_LIKE_FIRST, like, extra)
        if whole is not None and _plain_gids(*whole):
            n, gids = whole
            written += n
            continued = runs.follows((tbl, origin), row, row)
            runs.add((tbl, origin), _ids_first(tbl, origin, row), row, row, n)
            runs.gids(b'"' + gids + b'"', not continued)
            continue
        lines_only = _full_lines_only(conn, "sync_ids", (start, end), IDS_RUN, full)
        if lines_only is not None:
            written += runs.close_and_write(*lines_only)
            continue
        rows = conn.execute(
            f"SELECT rowid, tbl, origin, row, {IDS_RUN}, CASE WHEN {IDS_RUN} "
            f"THEN json_quote(gid) ELSE {full.sql('sync_ids')} END FROM sync_ids "
            "WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
            (start, end),
        )
        lines = _FullLineBatch(write, full, "sync_ids")
        for rowid, tbl, origin, row, runnable, text in rows:
            written += 1
            if not runnable:
                runs.close()
                lines.add(rowid, text)
                continue
            lines.flush()
            continued = runs.follows((tbl, origin), row, row)
            runs.add((tbl, origin), _ids_first(tbl, origin, row), row, row, 1)
            runs.gids(text.encode(), not continued)
        lines.flush()
    runs.close()
    return written


def _plain_gids(n: int, gids: bytes) -> bool:
    """Whether n gids joined by `","` need no escapes: then the join is their JSON."""
    return gids.count(b'"') == 2 * (n - 1) and b"\x00" not in gids.translate(_ESCAPED)


def _ids_first(table: str, origin: str | None, row: int) -> dict[str, Any]:
    first: dict[str, Any] = {"ids": table}
    if origin is not None:
        first["origin"] = origin
    first["row"] = row
    return first


def write_outbox(conn: sqlite3.Connection, write: Write, full: FullLines) -> int:
    runs, written = _Runs(write, "pending"), 0
    first_row = f"SELECT tbl, row, at, {PENDING_RUN} FROM sync_outbox WHERE seq = ?"
    for start, end in batches(conn, "sync_outbox"):
        tbl, row, at, runnable = conn.execute(first_row, (start,)).fetchone()
        whole = None
        if runnable:
            key = (tbl, row - start, at)
            whole = _whole_batch(conn, "sync_outbox", (start, end), _PENDING_LIKE_FIRST, key, "0")
        if whole is not None:
            written += whole[0]
            runs.add((tbl, at), {"pending": tbl, "seq": start, "row": row}, row, start, whole[0])
            continue
        lines_only = _full_lines_only(conn, "sync_outbox", (start, end), PENDING_RUN, full)
        if lines_only is not None:
            written += runs.close_and_write(*lines_only)
            continue
        rows = conn.execute(
            f"SELECT seq, tbl, row, at, {PENDING_RUN}, CASE WHEN {PENDING_RUN} THEN NULL "
            f"ELSE {full.sql('sync_outbox')} END FROM sync_outbox "
            "WHERE seq BETWEEN ? AND ? ORDER BY seq",
            (start, end),
        )
        lines = _FullLineBatch(write, full, "sync_outbox")
        for seq, tbl, row, at, runnable, line in rows:
            written += 1
            if not runnable:
                runs.close()
                lines.add(seq, line)
                continue
            lines.flush()
            runs.add((tbl, at), {"pending": tbl, "seq": seq, "row": row}, row, seq, 1)
        lines.flush()
    runs.close()
    return written


def _full_lines_only(
    conn: sqlite3.Connection, table: str, span: tuple[int, int], runnable: str, full: FullLines
) -> tuple[int, bytes] | None:
    """(rows, their lines) if no row of the batch belongs in a run and SQLite writes every
    line (a stretch of field changes, say), else None."""
    n, members, text = conn.execute(
        f"SELECT count(*), sum({runnable}), CAST(group_concat({full.sql(table)}, ?) AS BLOB) "
        f"FROM {table} WHERE rowid BETWEEN ? AND ?",
        ("\n", *span),
    ).fetchone()
    if members or not n or b"\x01" in text:
        return None
    return n, jsonlines.escape_line_breaks_utf8(text + b"\n")


class _FullLineBatch:
    """Full lines that come one after another, written at once."""

    def __init__(self, write: Write, full: FullLines, table: str) -> None:
        self.write, self.full, self.table = write, full, table
        self.texts: list[str] = []

    def add(self, rowid: int, line: str) -> None:
        if line == "\x01":  # a value SQLite does not write as Python would
            self.flush()
            self.write(self.full.python(self.table, rowid))
        else:
            self.texts.append(line)

    def flush(self) -> None:
        if self.texts:
            self.texts.append("")
            self.write(jsonlines.escape_line_breaks("\n".join(self.texts)).encode())
            self.texts = []


# Reading them back: each run becomes the rows it stands for, checked as any row is.
MAX_RUN_ROWS = 10_000_000  # rows all the runs of one file may stand for
_IDS_KEYS = {"ids", "row", "gid"}
_PENDING_KEYS = {"pending", "seq", "row", "count", "at"}


def _whole_number(value: object) -> bool:
    return type(value) is int


def run_rows(record: dict[str, Any], line: int, budget: list[int]) -> list[Row] | str:
    """The rows a run line stands for, or what is wrong with it. `budget` holds how many
    more rows the file's runs may stand for."""
    if "ids" in record:
        gids, origin = record.get("gid"), record.get("origin")
        if set(record) - {"origin"} != _IDS_KEYS or not isinstance(record["ids"], str):
            return 'an ids run has "ids" (a table), "row", "gid" and an optional "origin"'
        if not _whole_number(record["row"]) or not isinstance(origin, str | None):
            return "an ids run's row must be a whole number and its origin text"
        if not isinstance(gids, list) or not gids or not all(isinstance(g, str) for g in gids):
            return "an ids run's gid must be a list of text"
        count = len(gids)
    else:
        if set(record) != _PENDING_KEYS or not isinstance(record["pending"], str):
            return 'a pending run has "pending" (a table), "seq", "row", "count" and "at"'
        if not all(_whole_number(record[k]) for k in ("seq", "row", "count", "at")):
            return "a pending run's seq, row, count and at must be whole numbers"
        count = record["count"]
        if count < 1:
            return "a pending run's count must be at least 1"
    if count > budget[0]:
        return f"the file's runs stand for more than {MAX_RUN_ROWS:,} rows"
    budget[0] -= count
    first = record["row"]
    if "ids" in record:
        table = record["ids"]
        return [
            Row(
                line,
                "sync_ids",
                {"tbl": table, "gid": g, "row": first + n, "origin": origin, "alias": 0},
            )
            for n, g in enumerate(gids)  # type: ignore[arg-type]
        ]
    seq, table, at = record["seq"], record["pending"], record["at"]
    return [
        Row(line, "sync_outbox", {
            "seq": seq + n, "tbl": table, "row": first + n, "gid": None, "fields": WHOLE_ROW,
            "at": at, "hlc": None, "refused": 0, "kept": None,
        })
        for n in range(count)
    ]  # fmt: skip
