"""`salescoach team goal set`: the manager's quotas for reps."""

from __future__ import annotations

import typer


def register(team: typer.Typer) -> None:
    goal = typer.Typer(help="The manager's quotas for reps.", no_args_is_help=True)
    # "-5" reaches the command (and its clear message) instead of being read as an option.
    goal.command("set", context_settings={"ignore_unknown_options": True})(set_goal)
    team.add_typer(goal, name="goal")


def set_goal(
    metric: str = typer.Argument(..., help="calls, meetings, emails, contacts, proposals, ..."),
    target: str = typer.Argument(..., help="The target, a positive number."),
    per: str = typer.Option(..., "--per", help="day, week, month or quarter."),
    reps: list[str] = typer.Option([], "--rep", help="The rep (repeat for several)."),
    every_rep: bool = typer.Option(False, "--all", help="Every current rep."),
) -> None:
    """Set a goal for reps; they see it as the manager's after their next sync."""
    from salescoach import clock
    from salescoach.actions.desk_goals import set_team_goal
    from salescoach.cli.common import terminal
    from salescoach.core.reporting.goals import check_target, resolve_metric, resolve_period
    from salescoach.ui.team.team_view import password_prompt

    chosen_metric, period = resolve_metric(metric), resolve_period(per)
    value = check_target(target)
    term = terminal()
    done = set_team_goal(
        chosen_metric, value, period, reps, every_rep, clock.now(), clock.wall_ms(),
        prompt=lambda role: password_prompt(term, role),
    )  # fmt: skip
    term.say(
        f"goal set: {chosen_metric} {value:g} per {period} for {', '.join(done)}; "
        "they see it after their next sync"
    )
