"""`salescoach team plan`: what needs the manager today, from the hub."""

from __future__ import annotations

import typer


def register(team: typer.Typer) -> None:
    team.command("plan")(plan)


def plan(
    as_json: bool = typer.Option(False, "--json", help="Print the documented JSON shape."),
    everything: bool = typer.Option(
        False, "--all", help="List every lead of each section, not only the oldest few."
    ),
) -> None:
    """SLA breaches and leads about to breach per rep, unassigned leads, stale deals per rep,
    reps behind pace on a goal (a manager's command; reads the hub)."""
    from salescoach import clock
    from salescoach.actions.desk import team_plan
    from salescoach.cli.common import terminal
    from salescoach.ui.team.desk_plan_view import SHOWN
    from salescoach.ui.team.team_view import password_prompt

    term = terminal()
    shown = None if as_json or everything else SHOWN  # the screen shows the oldest few
    data, totals = team_plan(
        clock.today(), prompt=lambda role: password_prompt(term, role), shown=shown
    )
    if as_json:
        term.json(data)
    else:
        from salescoach.ui.team.desk_plan_view import render_team_plan

        render_team_plan(term.out, data, totals, everything=everything)
