"""`salescoach team ...`: the team hub group (init, join and the rest come with the hub)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from salescoach.cli.team import status_cmd

    team = typer.Typer(help="The team hub.", rich_markup_mode=None, no_args_is_help=True)
    status_cmd.register(team)
    app.add_typer(team, name="team")
