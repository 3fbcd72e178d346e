"""The manager moves leads: `team assign` and `team reassign`.

A move is one `leads` change per lead setting its `owner`, pushed by the manager's session
(origin "hub") and stamped after the latest clock that set the lead's owner, so it wins. The
hub's reassignment rule does the rest: the new owner's next sync brings each lead with its
whole history and open tasks; the old owner keeps a read-only copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from salescoach.actions.desk import desk_connection
from salescoach.actions.team import Prompt
from salescoach.core.sync.clock import Stamp
from salescoach.errors import UsageError

ORIGIN = "hub"


@dataclass(frozen=True, slots=True)
class Moved:
    open_tasks: int
    to: str
    names: tuple[str, ...]


def assign(lead: str, to: str, *, prompt: Prompt) -> Moved:
    from salescoach.hub.desk_writes import find_leads

    with desk_connection("assign", prompt) as connection:
        check_rep(connection, to)
        found = find_leads(connection, lead)
        if not found:
            raise UsageError(f"no lead on the hub matches {lead!r}", hint=_near(connection, lead))
        if len(found) > 1:
            listed = "; ".join(f"{d.name} ({d.gid[:8]}, {d.owner})" for d in found[:10])
            raise UsageError(
                f"{len(found)} leads match {lead!r}: {listed}",
                hint="name one by the start of its id (8 characters or more)",
            )
        return _move(connection, found, to)


def reassign(source: str, to: str, *, only_open: bool, prompt: Prompt) -> Moved:
    from salescoach.hub.desk_writes import leads_owned, owners

    if source == to:
        raise UsageError(f"--from and --to are both {to}; nothing to move")
    with desk_connection("reassign", prompt) as connection:
        check_rep(connection, to)
        if source not in owners(connection):
            raise UsageError(f"{source} owns no lead on this hub; nothing was changed")
        return _move(connection, leads_owned(connection, source, only_open=only_open), to)


def _near(connection: Any, lead: str) -> str:
    from salescoach.hub.desk_writes import leads_holding

    near = leads_holding(connection, lead, 6) if lead.strip() else []
    named = "name one by its whole name or company, or the start of its id"
    if not near:
        return named
    listed = "; ".join(f"{d.name} ({d.owner})" for d in near[:5])
    return f"{named}; leads holding {lead!r}: {listed}" + ("; ..." if len(near) > 5 else "")


def check_rep(connection: Any, name: str) -> None:
    from salescoach.hub.desk_queries import current_reps
    from salescoach.hub.desk_writes import owners

    reps = current_reps(connection)
    if name in reps:
        return
    hint = "reps: " + (", ".join(reps) or "none yet (`team add-rep NAME`)")
    if name in owners(connection):  # shared by assign, goal set and drill assign
        raise UsageError(f"{name} was removed from this hub; name a current rep", hint=hint)
    raise UsageError(f"no rep of this hub is called {name}", hint=hint)


def _move(connection: Any, leads: Sequence[Any], to: str) -> Moved:
    from salescoach import clock
    from salescoach.core.sync.changes import RowChange
    from salescoach.core.sync.clock import tick
    from salescoach.hub.desk_writes import latest_owner_clock, open_tasks

    moving = [d for d in leads if d.owner != to]
    gids = [d.gid for d in moving]
    if not gids:
        return Moved(0, to, ())
    last = _stamp(latest_owner_clock(connection, gids))
    changes = []
    for gid in gids:
        last = tick(last, clock.wall_ms(), ORIGIN)
        changes.append(RowChange("leads", gid, gid, to, ORIGIN, last.text(), {"owner": to}))
    tasks = open_tasks(connection, gids)
    push_all(connection, changes)
    return Moved(tasks, to, tuple(d.name or d.gid[:8] for d in moving))


def push_all(connection: Any, changes: Sequence[Any]) -> None:
    """Push the manager's changes; the hub refuses a lead given to a role outside the hub,
    which the checks above rule out, so a refusal is reported rather than ignored."""
    from salescoach.hub.session import PgHubSession

    refused = PgHubSession(connection).push(changes)
    if refused:
        raise UsageError(
            f"the hub refused {len(refused)} of {len(changes)} changes (a lead given to a "
            "role that is no rep or manager of this hub); the others were saved"
        )


def _stamp(text: str | None) -> Stamp | None:
    """The latest owner clock as a stamp; text that is not a stamp counts as none (the wall
    clock then starts the manager's stamps)."""
    from salescoach.core.sync.clock import parse

    if text is None:
        return None
    try:
        return parse(text)
    except ValueError:
        return None
