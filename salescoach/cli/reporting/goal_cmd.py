"""`salescoach goal ...`: set, list and remove activity goals (progress comes from the log)."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Activity goals per day, week, month or quarter, and progress against them.",
    no_args_is_help=True,
)

METRIC_HELP = (
    "calls, meetings, emails, contacts (new leads contacted), proposals, deals_won, revenue_won"
)


# "-5" reaches the command (and its clear message) instead of being read as an unknown option.
@app.command("set", context_settings={"ignore_unknown_options": True})
def set_(
    metric: str = typer.Argument(..., help=METRIC_HELP),
    target: str = typer.Argument(..., help="A number above zero."),
    per: str = typer.Option(..., "--per", help="day, week, month or quarter."),
) -> None:
    """Set the target for a metric per period (setting it again changes it)."""
    from salescoach import clock
    from salescoach.actions.goals import set_goal
    from salescoach.cli.common import terminal
    from salescoach.core.kernel.amounts import grouped
    from salescoach.core.reporting.goals import (
        ADJECTIVES,
        check_target,
        resolve_metric,
        resolve_period,
    )
    from salescoach.store.access import opened_store

    name, period, value = resolve_metric(metric), resolve_period(per), check_target(target)
    with opened_store() as conn:
        created = set_goal(conn, name, value, period, clock.now())
    verb = "set" if created else "changed"
    terminal().say(f"{verb} the {ADJECTIVES[period]} goal: {name} {grouped(value)}")


@app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    when: str | None = typer.Option(
        None, "--date", help="Progress as of this day (default today)."
    ),
) -> None:
    """Every goal with its progress in the current period."""
    from salescoach import clock
    from salescoach.cli.common import parse_when, terminal
    from salescoach.store.access import opened_store
    from salescoach.store.goals import goal_progress, managers_goals

    today = parse_when(when, clock.today()) or clock.today()
    with opened_store() as conn:
        rows = goal_progress(conn, today)
        managers = managers_goals(conn)
    term = terminal()
    if as_json:
        term.json([row.to_json() for row in rows])
        return
    from salescoach.ui.reporting.report_view import goals_table

    if not rows:
        term.say("no goals yet; set one with `salescoach goal set calls 50 --per week`")
        return
    term.out.print(goals_table(rows))
    set_by_manager = [
        f"{r.metric} per {r.period}" for r in rows if (r.metric, r.period) in managers
    ]
    if set_by_manager:
        term.line("set by your manager (not yours to change): " + ", ".join(set_by_manager))


@app.command()
def remove(
    metric: str = typer.Argument(..., help=METRIC_HELP),
    per: str = typer.Option(..., "--per", help="day, week, month or quarter."),
) -> None:
    """Remove the goal for a metric and period."""
    from salescoach.actions.goals import remove_goal
    from salescoach.cli.common import terminal
    from salescoach.core.reporting.goals import ADJECTIVES, resolve_metric, resolve_period
    from salescoach.store.access import opened_store

    name, period = resolve_metric(metric), resolve_period(per)
    with opened_store() as conn:
        remove_goal(conn, name, period)
    terminal().say(f"removed the {ADJECTIVES[period]} goal for {name}")


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="goal")
