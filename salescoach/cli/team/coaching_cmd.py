"""`salescoach team drill assign` and `team playbook publish`: the manager coaches."""

from __future__ import annotations

from pathlib import Path

import typer


def register(team: typer.Typer) -> None:
    drill = typer.Typer(help="Drills the manager assigns to reps.", no_args_is_help=True)
    drill.command("assign")(assign_drill)
    team.add_typer(drill, name="drill")
    playbook = typer.Typer(help="Playbook versions published to the team.", no_args_is_help=True)
    playbook.command("publish")(publish)
    team.add_typer(playbook, name="playbook")


def assign_drill(
    rep: str = typer.Argument(..., help="The rep who practises it."),
    what: str = typer.Argument(
        ..., metavar="FAMILY|SCENARIO", help="An objection family or a scenario id of the playbook."
    ),
    due: str | None = typer.Option(None, "--due", help="The day it is due (today, friday, ...)."),
    playbook: str | None = typer.Option(
        None, "--playbook", "-p", help="Where FAMILY|SCENARIO is found (default b2b-saas)."
    ),
) -> None:
    """Assign a drill to a rep: it is in their `train` list after their next sync, and its
    result comes back on the sync after they do it."""
    from salescoach import clock
    from salescoach.actions.desk_coaching import assign_drill as assign
    from salescoach.cli.common import parse_when, terminal
    from salescoach.ui.team.team_view import password_prompt

    term, today = terminal(), clock.today()
    done = assign(
        rep, what, parse_when(due, today), playbook, today, clock.now(), clock.wall_ms(),
        prompt=lambda role: password_prompt(term, role),
    )  # fmt: skip
    kind = "objections drill on" if done.drill == "objections" else "role-play"
    due_text = f", due {done.due}" if done.due else ""
    term.say(f"assigned to {done.rep}: {kind} {done.target}{due_text}; "
             "they see it after their next sync")  # fmt: skip


def publish(
    file: Path = typer.Argument(..., help="The playbook file; its name is the file's name."),
) -> None:
    """Publish a playbook version to the team: checked like `playbook validate`, numbered by
    the hub; every rep has it after their next sync (their own playbooks still shadow it)."""
    from salescoach import clock
    from salescoach.actions.desk_coaching import publish_playbook
    from salescoach.cli.common import terminal
    from salescoach.ui.team.team_view import password_prompt

    term = terminal()
    done = publish_playbook(
        file, clock.now(), clock.wall_ms(), prompt=lambda role: password_prompt(term, role)
    )
    term.say(f"published {done.name} version {done.version}; reps have it after their next sync")
