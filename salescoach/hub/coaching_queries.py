"""What the coaching commands read from the hub (migration 4), as a manager.

Assignments and playbook versions are few; they are read from the feed itself, each record's
fields merged as everywhere (for each field the change with the greatest clock wins).
"""

from __future__ import annotations

from typing import Any

from salescoach.core.training.assignments import Assignment


def _merged(table: str, names: tuple[str, ...]) -> str:
    picks = ", ".join(
        f"(array_agg(fields ->> '{n}' ORDER BY hlc COLLATE \"C\" DESC)"
        f" FILTER (WHERE fields ? '{n}'))[1] AS {n}"
        for n in names
    )
    return (
        f"SELECT gid, min(owner) AS owner, {picks} FROM salescoach.feed"
        f" WHERE tbl = '{table}' GROUP BY gid"
    )


_ASSIGNMENTS = _merged("assignments", ("drill", "target", "playbook", "due", "assigned_at",
                                       "status"))  # fmt: skip


# Every assignment not done yet, whoever it is for.
OPEN_ASSIGNMENTS = (
    f"SELECT gid, owner, drill, target, playbook, due, assigned_at FROM ({_ASSIGNMENTS}) a"
    " WHERE coalesce(status, 'open') = 'open' AND drill IS NOT NULL"
)


def assignments(rows: list[Any]) -> list[Assignment]:
    """The rows of OPEN_ASSIGNMENTS as assignments."""
    return [
        Assignment(gid, drill, target, due, assigned_at or "", owner, playbook)
        for gid, owner, drill, target, playbook, due, assigned_at in rows
    ]


def next_playbook_version(connection: Any, name: str) -> int:
    """The next version number of a playbook name, under a lock held to the end of the
    caller's transaction (two managers publishing at once get two numbers)."""
    connection.execute(
        "SELECT pg_advisory_xact_lock(hashtext('salescoach playbook ' || %s))", (name,)
    )
    row = connection.execute(
        "SELECT coalesce(max((fields ->> 'version')::integer), 0) + 1 FROM salescoach.feed"
        " WHERE tbl = 'playbooks' AND fields ->> 'name' = %s"
        " AND fields ->> 'version' ~ '^[0-9]{1,9}$'",
        (name,),
    ).fetchone()
    return int(row[0])
