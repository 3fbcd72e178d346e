"""The real `HubSession`: one connection to the hub, as the role that logged in.

Push writes a batch in one transaction. The hub, not this code, decides what the role may
write: the checks below only sort a rep's changes into accepted and refused (so that one
refused row does not fail the batch); row-level security then checks every accepted row again.

Pull reads the feed in (xid, seq) order, only up to the oldest transaction still running when
the pull starts. A row committed out of sequence order (a transaction that began first but
committed last) is therefore not yet readable while it is still running, and comes after the
cursor once it has committed: no row is ever skipped. A reassigned lead reaches its new owner
whole: when the change handing it over comes up, the lead's rows of any age come with it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from salescoach.core.sync.changes import PullBatch, RowChange
from salescoach.hub import coaching_schema, quota_guard, schema
from salescoach.hub.connect import translated_errors
from salescoach.hub.errors import HubError

_ATTEMPTS = 3

_COLUMNS = "tbl, gid, lead_gid, owner, origin, hlc, fields, handed_from"

_CLAIM_NEW_LEADS = """
INSERT INTO salescoach.lead_owners (lead_gid, owner, owner_hlc)
SELECT lead_gid, current_user, min(hlc COLLATE "C") FROM incoming
 WHERE tbl = 'leads' AND owner = current_user::text
 GROUP BY lead_gid ORDER BY lead_gid
ON CONFLICT (lead_gid) DO NOTHING
"""

# The same rule as the reps' INSERT policy on the feed (schema.py), row by row.
_REFUSED_FOR_REP = f"""
SELECT ord FROM incoming i WHERE {quota_guard.REP_MAY_NOT_WRITE} OR NOT (
    i.owner = current_user::text
    AND NOT (i.fields ? 'owner' AND i.fields ->> 'owner' IS DISTINCT FROM current_user::text)
    AND (
        (i.lead_gid IS NULL AND i.tbl IN ('goals', 'training'))
        OR EXISTS (SELECT 1 FROM salescoach.lead_owners o
                   WHERE o.lead_gid = i.lead_gid AND o.owner = current_user::text)
        OR {coaching_schema.REP_MAY_DO_ASSIGNMENT}
    )
) ORDER BY ord
"""

# A manager may give a lead to a rep or a manager of this hub, never to a mistyped name (the
# lead would then belong to no one who can see it) or to no one.
# The hub's roles are listed once (a role check per row cost a second per 10,000 leads).
_REFUSED_FOR_MANAGER = """
WITH members AS MATERIALIZED (
    SELECT r.rolname::text AS name FROM pg_roles r
     WHERE pg_has_role(r.oid, %(reps)s, 'MEMBER') OR pg_has_role(r.oid, %(managers)s, 'MEMBER'))
SELECT ord FROM incoming i
 WHERE i.tbl = 'leads' AND i.fields ? 'owner' AND NOT EXISTS (
       SELECT 1 FROM members m WHERE m.name = i.fields ->> 'owner')
 ORDER BY ord
"""

# Clocks compare byte-wise (`COLLATE "C"`), as their text sorts and as the desk trigger does:
# under a database's linguistic collation "...-B" may sort after "...-a".
_MANAGER_HANDOVERS = (
    """SELECT 1 FROM salescoach.lead_owners
        WHERE lead_gid IN (SELECT lead_gid FROM incoming WHERE tbl = 'leads') FOR UPDATE""",
    """UPDATE incoming i SET handed_from = o.owner FROM salescoach.lead_owners o
        WHERE i.tbl = 'leads' AND i.fields ? 'owner' AND o.lead_gid = i.lead_gid
          AND o.owner <> i.fields ->> 'owner' AND i.hlc COLLATE "C" > o.owner_hlc""",
    """INSERT INTO salescoach.lead_owners (lead_gid, owner, owner_hlc)
       SELECT DISTINCT ON (lead_gid) lead_gid, coalesce(fields ->> 'owner', owner), hlc
         FROM incoming WHERE tbl = 'leads' ORDER BY lead_gid, hlc COLLATE "C"
       ON CONFLICT (lead_gid) DO NOTHING""",
    """UPDATE salescoach.lead_owners o SET owner = n.owner, owner_hlc = n.hlc
         FROM (SELECT DISTINCT ON (lead_gid) lead_gid, fields ->> 'owner' AS owner, hlc
                 FROM incoming WHERE tbl = 'leads' AND fields ? 'owner'
                ORDER BY lead_gid, hlc COLLATE "C" DESC) n
        WHERE o.lead_gid = n.lead_gid AND o.owner_hlc COLLATE "C" < n.hlc""",
)

_APPEND = f"""
INSERT INTO salescoach.feed ({_COLUMNS})
SELECT {_COLUMNS} FROM incoming WHERE NOT (ord = ANY(%s)) ORDER BY ord
ON CONFLICT (tbl, gid, hlc) DO NOTHING
"""

# The position is returned as text under another name: ORDER BY xid must sort by the xid8,
# never by its text ("10" < "9").
_READ = (
    "SELECT xid::text AS position_xid, seq, tbl, gid, lead_gid, owner, origin, hlc,"
    " fields::text AS fields_text,"
    " (tbl = 'leads' AND handed_from IS NOT NULL AND fields ->> 'owner' = current_user::text)"
    " AS handed_to_me FROM salescoach.feed"
)
_HANDED_TO_ME = 9


# What opening a session needs, in one round trip: the hub's kind and schema version, its
# group roles and who logged in; JIT compiling is turned off (it costs seconds on the feed's
# filter and saves nothing on index scans).
_HELLO = """
SELECT (SELECT value FROM salescoach.hub_info WHERE key = 'kind'),
       (SELECT max(version) FROM salescoach.migrations),
       m.value, r.value, current_user::text, pg_has_role(current_user, m.value, 'MEMBER'),
       set_config('jit', 'off', false)
  FROM salescoach.hub_info m, salescoach.hub_info r
 WHERE m.key = 'managers' AND r.key = 'reps'
"""


def opened(connection: Any, *, where: Callable[[], str]) -> PgHubSession:
    """A session on a connection to a hub of this salescoach's schema; NotAHub or a schema
    error otherwise (`where`: how the hub is named in them). A database that is not such a
    hub (the query fails, or says another kind or version) is checked step by step, which
    says what it is."""
    import psycopg

    try:
        found = connection.execute(_HELLO).fetchone()
    except psycopg.DatabaseError:
        found = None
    if found is None or found[0] != schema.KIND or found[1] != schema.SCHEMA_VERSION:
        schema.check_version(connection, where=where())
        return PgHubSession(connection)
    return PgHubSession(connection, hello=(found[2], found[3], found[4], bool(found[5])))


class PgHubSession:
    """A `HubSession` over one psycopg connection (autocommit; each call one transaction).
    `hello`: the hub's group roles, the role logged in and whether it is a manager, when
    already read (`opened`)."""

    def __init__(self, connection: Any, hello: tuple[str, str, str, bool] | None = None) -> None:
        self._connection = connection
        if hello is None:
            connection.execute("SET jit = off")
            managers, reps = schema.hub_roles(connection)
            row = connection.execute(
                "SELECT current_user, pg_has_role(current_user, %s, 'MEMBER')", (managers,)
            ).fetchone()
            hello = (managers, reps, row[0], bool(row[1]))
        self._groups = hello[0], hello[1]
        self._rep: str = hello[2]
        self.is_manager: bool = hello[3]

    @property
    def rep(self) -> str:
        return self._rep

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> PgHubSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def push(self, changes: Sequence[RowChange]) -> Sequence[RowChange]:
        from psycopg.errors import DeadlockDetected

        if not changes:
            return []
        for attempt in range(_ATTEMPTS):
            try:
                with translated_errors(retry=(DeadlockDetected,)):
                    refused = self._push_once(changes)
                return [changes[i] for i in refused]
            except DeadlockDetected:
                # Two pushes of overlapping rows in different orders (nothing was committed).
                if attempt == _ATTEMPTS - 1:
                    raise HubError(
                        "the hub stayed busy with another push; run sync again"
                    ) from None
        raise AssertionError("unreachable")

    def _push_once(self, changes: Sequence[RowChange]) -> list[int]:
        connection = self._connection
        with connection.transaction():
            connection.execute(
                "CREATE TEMP TABLE incoming (ord integer, tbl text, gid text, lead_gid text,"
                " owner text, origin text, hlc text, fields jsonb, handed_from text)"
                " ON COMMIT DROP"
            )
            with connection.cursor().copy(
                "COPY incoming (ord, tbl, gid, lead_gid, owner, origin, hlc, fields) FROM STDIN"
            ) as copy:
                for ord_, c in enumerate(changes):
                    fields = json.dumps(dict(c.fields), separators=(",", ":"))
                    copy.write_row(
                        (ord_, c.table, c.gid, c.lead_gid, c.owner, c.origin, c.hlc, fields)
                    )
            refused: list[int] = []
            if self.is_manager:
                groups = {"managers": self._groups[0], "reps": self._groups[1]}
                refused = [row[0] for row in connection.execute(_REFUSED_FOR_MANAGER, groups)]
                connection.execute("DELETE FROM incoming WHERE ord = ANY(%s)", (refused,))
                for statement in _MANAGER_HANDOVERS:
                    connection.execute(statement)
            else:
                connection.execute(_CLAIM_NEW_LEADS)
                refused = [row[0] for row in connection.execute(_REFUSED_FOR_REP)]
            connection.execute(_APPEND, (refused,))
        return refused

    def pull(self, cursor: str | None, limit: int) -> PullBatch:
        after_xid, after_seq = _decode(cursor)
        # One statement, so one snapshot for the boundary and the rows, in one round trip
        # (what an idle sync waits for). A batch that hands a lead to this rep is read again
        # below, with the lead's history, in one transaction's snapshot.
        with translated_errors():
            rows = self._connection.execute(
                f"{_READ} WHERE (xid, seq) > (%s::xid8, %s)"
                " AND xid < (SELECT pg_snapshot_xmin(pg_current_snapshot()))"
                " ORDER BY feed.xid, feed.seq LIMIT %s",
                (after_xid, after_seq, limit + 1),
            ).fetchall()
        if any(row[_HANDED_TO_ME] for row in rows[:limit]):
            return self._pull_with_history(after_xid, after_seq, limit)
        return _batch(rows, limit, f"{after_xid}:{after_seq}")

    def _pull_with_history(self, after_xid: str, after_seq: int, limit: int) -> PullBatch:
        connection = self._connection
        with translated_errors(), connection.transaction():
            # One snapshot for the boundary and every read below.
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            boundary = connection.execute(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text"
            ).fetchone()[0]
            rows = connection.execute(
                f"{_READ} WHERE (xid, seq) > (%s::xid8, %s) AND xid < %s::xid8"
                " ORDER BY feed.xid, feed.seq LIMIT %s",
                (after_xid, after_seq, boundary, limit + 1),
            ).fetchall()
            more = len(rows) > limit
            rows = self._with_handed_over_history(rows[:limit], boundary)
        return _batch(rows, limit, f"{after_xid}:{after_seq}", more=more)

    def _with_handed_over_history(self, rows: list[Any], boundary: str) -> list[Any]:
        """The rows, with every row the hub holds of a lead handed to this rep (older than
        the cursor too) just before the change that handed it over; each row once."""
        out: list[Any] = []
        seen: set[tuple[str, str, str]] = set()
        for row in rows:
            found = [row]
            if row[_HANDED_TO_ME]:
                found = self._connection.execute(
                    f"{_READ} WHERE lead_gid = %s AND xid < %s::xid8 ORDER BY feed.xid, feed.seq",
                    (row[4], boundary),
                ).fetchall()
                found.append(row)
            for one in found:
                key = (one[2], one[3], one[7])
                if key not in seen:
                    seen.add(key)
                    out.append(one)
        return out


def _batch(rows: list[Any], limit: int, after: str, *, more: bool | None = None) -> PullBatch:
    """The batch of the first `limit` rows read (one more tells whether there are more;
    `more`: already told), and the cursor after it."""
    if more is None:
        more, rows = len(rows) > limit, rows[:limit]
    cursor = f"{rows[-1][0]}:{rows[-1][1]}" if rows else after
    return PullBatch(changes=_changes(rows), cursor=cursor, more=more)


def _changes(rows: list[Any]) -> list[RowChange]:
    # One JSON document for the whole batch: decoding 5,000 small ones costs 3x more.
    fields = json.loads("[" + ",".join(row[8] for row in rows) + "]")
    return [
        RowChange(row[2], row[3], row[4], row[5], row[6], row[7], values)
        for row, values in zip(rows, fields, strict=True)
    ]


def _decode(cursor: str | None) -> tuple[str, int]:
    if not cursor:
        return "0", 0
    try:
        xid, seq = cursor.split(":")
        return str(int(xid)), int(seq)
    except ValueError:
        from salescoach.errors import UsageError

        raise UsageError(f"the saved sync position {cursor!r} is not one this hub gave") from None
