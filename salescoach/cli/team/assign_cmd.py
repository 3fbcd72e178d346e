"""`salescoach team assign` and `team reassign`: the manager moves leads between reps."""

from __future__ import annotations

import typer


def register(team: typer.Typer) -> None:
    team.command("assign")(assign)
    team.command("reassign")(reassign)


def assign(
    lead: str = typer.Argument(..., help="The lead: its name, company, or the start of its id."),
    to: str = typer.Option(..., "--to", help="The rep who takes it."),
) -> None:
    """Give one lead, with its history and open tasks, to a rep (a manager's command)."""
    from salescoach.actions.desk_assign import assign as move
    from salescoach.cli.common import terminal
    from salescoach.ui.team.desk_view import moved_line
    from salescoach.ui.team.team_view import password_prompt

    term = terminal()
    moved = move(lead, to, prompt=lambda role: password_prompt(term, role))
    term.say(moved_line(moved.names, moved.open_tasks, moved.to))


def reassign(
    source: str = typer.Option(..., "--from", help="The rep whose leads move."),
    to: str = typer.Option(..., "--to", help="The rep who takes them."),
    only: str = typer.Option("", "--only", help="`open`: only the open leads."),
) -> None:
    """Move a rep's leads to another rep (a rep leaves or goes on holiday)."""
    from salescoach.actions.desk_assign import reassign as move
    from salescoach.cli.common import terminal
    from salescoach.errors import UsageError
    from salescoach.ui.team.desk_view import moved_line
    from salescoach.ui.team.team_view import password_prompt

    if only not in ("", "open"):
        raise UsageError(f"--only takes `open`, not {only!r}")
    term = terminal()
    moved = move(
        source, to, only_open=only == "open", prompt=lambda role: password_prompt(term, role)
    )
    term.say(moved_line(moved.names, moved.open_tasks, moved.to))
