"""`salescoach team ...`: a manager creates the hub and its reps; a rep joins and leaves."""

from __future__ import annotations

from collections.abc import Callable

import typer


def register(app: typer.Typer) -> None:
    team = typer.Typer(
        help="The team hub: a PostgreSQL database reps sync with.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    team.command("init")(init)
    team.command("add-rep")(add_rep)
    team.command("remove-rep")(remove_rep)
    team.command("join")(join)
    team.command("leave")(leave)
    from salescoach.cli.team import status_cmd  # `team status`: the sync's side

    status_cmd.register(team)
    from salescoach.cli.team import (  # the manager's desk
        assign_cmd,
        goal_cmd,
        import_cmd,
        plan_cmd,
        report_cmd,
    )

    report_cmd.register(team)
    plan_cmd.register(team)
    assign_cmd.register(team)
    import_cmd.register(team)
    from salescoach.cli.team import coaching_cmd  # drills assigned, playbooks published

    coaching_cmd.register(team)
    goal_cmd.register(team)
    app.add_typer(team, name="team")


def _prompt() -> Callable[[str], Callable[[], str] | None]:
    from salescoach.cli.common import terminal
    from salescoach.ui.team.team_view import password_prompt

    term = terminal()
    return lambda role: password_prompt(term, role)


def init(
    url: str = typer.Argument(..., help="The empty database: a libpq URL, without password."),
    upgrade: bool = typer.Option(False, "--upgrade", help="Bring an older hub up to date."),
) -> None:
    """Create the hub (schema, roles, access rules) in an empty database; you manage it."""
    from salescoach.actions.team import init_team
    from salescoach.cli.common import terminal

    done = init_team(url, upgrade=upgrade, prompt=_prompt())
    result, term = done.result, terminal()
    if result.before == result.version:
        term.say(f"already a salescoach hub (schema {result.version}); nothing to do")
    elif result.before is None:
        term.say(f"hub created (schema {result.version}); {result.manager} manages it")
    else:
        term.say(f"hub upgraded from schema {result.before} to {result.version}")
    term.say("add reps with `salescoach team add-rep NAME`")


def add_rep(name: str = typer.Argument(..., help="The rep's role name (a-z, 0-9, _).")) -> None:
    """Create a rep's login role and print, once, what they need to join."""
    from salescoach.actions.team import add_rep as add
    from salescoach.cli.common import terminal
    from salescoach.hub.connect import pgpass_line
    from salescoach.ui.team.team_view import invite_lines

    invite = add(name, prompt=_prompt())
    rep, password = invite.new.rep, invite.new.password
    for line in invite_lines(rep, password, invite.url, pgpass_line(invite.url, rep, password)):
        terminal().line(line)


def remove_rep(name: str = typer.Argument(..., help="The rep's role name.")) -> None:
    """Remove a rep's login role; their rows stay in the hub."""
    from salescoach.actions.team import remove_rep as remove
    from salescoach.cli.common import terminal

    still_owned = remove(name, prompt=_prompt())
    term = terminal()
    term.say(f"rep {name} removed: the role can no longer log in")
    if still_owned:
        term.say(f"{still_owned} lead(s) still belong to {name}: reassign them to another rep")


def join(
    url: str = typer.Argument(..., help="The hub: a libpq URL or conninfo, without password."),
    rep: str = typer.Option(..., "--as", help="Your rep name (your role on the hub)."),
) -> None:
    """Record the hub in this data home; the password stays in pgpass, PGPASSWORD or a prompt."""
    from salescoach.actions.team import join_team
    from salescoach.cli.common import terminal
    from salescoach.hub.connect import display_url

    config = join_team(url, rep, prompt=_prompt())
    terminal().say(
        f"joined the hub at {display_url(config.url)} as {config.rep}; "
        "`salescoach sync` sends your work and brings your leads"
    )


def leave() -> None:
    """Forget the hub; the local store is kept as it is, and nothing changes on the hub."""
    from salescoach.actions.team import leave_team
    from salescoach.cli.common import terminal

    left = leave_team()
    if left is None:
        terminal().say("this data home has joined no hub; nothing to do")
    else:
        terminal().say(f"left the hub as {left.rep}; the local store is kept as it is")
