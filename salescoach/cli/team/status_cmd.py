"""`salescoach team status`: the hub, the rep, the last sync and what waits (no network)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from salescoach.core.sync.shapes import TeamStatusJSON


def register(team: typer.Typer) -> None:
    team.command("status")(status)


def status(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show the hub, the rep, the last sync and the changes waiting to be pushed."""
    from salescoach.actions.sync import joined_team
    from salescoach.cli.common import terminal
    from salescoach.store.db import open_store
    from salescoach.store.sync_state import local_state, rejected_changes

    link = joined_team()
    conn = open_store()
    try:
        local = local_state(conn)
        reasons = rejected_changes(conn, limit=5)
    finally:
        conn.close()
    shown: TeamStatusJSON = {
        "schema": "team-status",
        "version": 1,
        "joined": link is not None,
        "hub": link.url if link else None,
        "rep": link.rep if link else None,
        "replica": link.replica if link else None,
        "last_sync_at": local.last_sync_at,
        "pending": local.pending,
        "refused": local.refused,
        "parked": local.parked,
        "rejected": local.rejected,
    }
    term = terminal()
    if as_json:
        term.json(shown)
        return
    if link is None:
        term.line("hub: none (join one with `salescoach team join URL --as NAME`)")
    else:
        term.line(f"hub: {link.url}")
        term.line(f"rep: {link.rep}")
    term.line(f"last sync: {local.last_sync_at or 'never'}")
    term.line(f"pending: {local.pending} row(s) changed here, not on the hub yet")
    if local.refused:
        term.line(
            f"refused: {local.refused} change(s) the hub refused (leads handed to another "
            "rep); kept here, not sent again"
        )
    if local.parked:
        term.line(f"waiting: {local.parked} pulled change(s) waiting for their lead")
    if local.rejected:
        term.line(
            f"set aside: {local.rejected} pulled change(s) that failed the row checks "
            "(kept here, never applied); the latest:"
        )
        for reason in reasons:
            term.line(f"  {reason}")
