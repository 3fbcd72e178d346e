"""The body of `salescoach sync`, without Typer: the Typer command (`sync_cmd`) and the light
entry (`sync_entry`, which cron's every-few-minutes runs take) both call `run_sync`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salescoach.core.sync.shapes import SyncJSON


def run_sync(as_json: bool) -> None:
    """Push local changes to the team hub, then pull the team's; print the counts."""
    from salescoach.actions.sync import sync_with_hub
    from salescoach.cli.common import terminal
    from salescoach.store.db import open_store
    from salescoach.ui.team.team_view import password_prompt

    term = terminal()
    conn = open_store()
    try:
        link, counts = sync_with_hub(conn, lambda role: password_prompt(term, role))
    finally:
        conn.close()
    shown: SyncJSON = {
        "schema": "sync",
        "version": 1,
        "rep": link.rep,
        "pushed": counts.pushed,
        "refused": counts.refused,
        "pulled": counts.pulled,
        "parked": counts.parked,
        "rejected": counts.rejected,
        "pending": counts.pending,
    }
    if as_json:
        term.json(shown)
    else:
        term.line(f"pushed {counts.pushed}, pulled {counts.pulled} (as {link.rep})")
    if counts.refused:
        term.say(
            f"salescoach: warning: the hub refused {counts.refused} change(s) (leads handed "
            "to another rep); they are kept here: see `salescoach team status`"
        )
    if counts.rejected:
        term.say(
            f"salescoach: warning: {counts.rejected} pulled change(s) failed the row checks "
            "and were set aside, not applied: see `salescoach team status`"
        )
