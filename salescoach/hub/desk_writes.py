"""What the manager's writes need to know from the hub: which leads, whose, and the latest
clock that set an owner (a manager's change must stamp after it to win)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class DeskLead:
    gid: str
    name: str | None
    company: str | None
    owner: str
    status: str


_LEAD = (
    "SELECT l.gid, l.name, l.company, o.owner, l.status FROM salescoach.desk_leads l"
    " JOIN salescoach.lead_owners o ON o.lead_gid = l.gid"
)


def find_leads(connection: Any, text: str) -> list[DeskLead]:
    """The leads `text` names: a gid (or its first 8+ characters), else an exact name or
    company (case-insensitive)."""
    wanted = text.strip().lower()
    rows = connection.execute(
        f"{_LEAD} WHERE (length(%(w)s) >= 8 AND l.gid LIKE %(w)s || '%%')"
        " OR lower(l.name) = %(w)s OR lower(l.company) = %(w)s ORDER BY l.name, l.gid",
        {"w": wanted},
    ).fetchall()
    return [DeskLead(*row) for row in rows]


def leads_holding(connection: Any, text: str, limit: int) -> list[DeskLead]:
    """Up to `limit` leads whose name or company holds `text` (a manager typing part of a
    name is shown the leads it could mean)."""
    literal = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{literal}%"
    rows = connection.execute(
        f"{_LEAD} WHERE l.name ILIKE %(p)s OR l.company ILIKE %(p)s ORDER BY l.name, l.gid"
        " LIMIT %(n)s",
        {"p": pattern, "n": limit},
    ).fetchall()
    return [DeskLead(*row) for row in rows]


def leads_owned(connection: Any, owner: str, *, only_open: bool) -> list[DeskLead]:
    status = " AND l.status = 'open'" if only_open else ""
    rows = connection.execute(
        f"{_LEAD} WHERE o.owner = %s{status} ORDER BY l.gid", (owner,)
    ).fetchall()
    return [DeskLead(*row) for row in rows]


def owners(connection: Any) -> set[str]:
    """Every role that owns a lead now (current reps, removed ones, the manager)."""
    return {
        row[0] for row in connection.execute("SELECT DISTINCT owner FROM salescoach.lead_owners")
    }


def latest_owner_clock(connection: Any, gids: Sequence[str]) -> str | None:
    row = connection.execute(
        'SELECT max(owner_hlc COLLATE "C") FROM salescoach.lead_owners WHERE lead_gid = ANY(%s)',
        (list(gids),),
    ).fetchone()
    return None if row is None else row[0]


def open_tasks(connection: Any, gids: Sequence[str]) -> int:
    row = connection.execute(
        "SELECT count(*) FROM salescoach.desk_tasks WHERE lead_gid = ANY(%s) AND status = 'open'",
        (list(gids),),
    ).fetchone()
    return int(row[0])
