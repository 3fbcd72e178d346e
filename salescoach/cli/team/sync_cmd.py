"""`salescoach sync`: push this data home's changes to the team hub, then pull the team's.

`salescoach sync` and `salescoach sync --json` start without Typer (`cli.team.sync_entry`);
this command reads every other argument list (help, errors)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("sync")(sync)


def sync(as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON.")) -> None:
    """Push local changes to the team hub, then pull the team's. Safe to repeat, from cron."""
    from salescoach.cli.team.sync_run import run_sync

    run_sync(as_json)
