"""`salescoach team report`: every rep side by side and the team's total, from the hub."""

from __future__ import annotations

import typer


def register(team: typer.Typer) -> None:
    team.command("report")(report)


def report(
    period: str = typer.Option(
        "week", "--period", help="week, month, quarter, day, or FROM..TO (e.g. 2026-01-01..today)."
    ),
    reps: list[str] = typer.Option(
        [], "--rep", help="Only this rep (repeat for several); the total covers those shown."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the documented JSON shape."),
    output_format: str = typer.Option("text", "--format", help="text, json or markdown."),
) -> None:
    """The team's figures for a period, each rep side by side with the team's total (a
    manager's command; reads the hub)."""
    from salescoach import clock
    from salescoach.actions.desk import team_report
    from salescoach.cli.common import terminal
    from salescoach.core.kernel.periods import parse_span
    from salescoach.errors import UsageError
    from salescoach.ui.team.team_view import password_prompt

    chosen = "json" if as_json else output_format
    if chosen not in ("text", "json", "markdown"):
        raise UsageError(f"unknown format {output_format!r}", hint="text, json or markdown")
    today = clock.today()
    term = terminal()
    data = team_report(
        parse_span(period, today), today, reps, prompt=lambda role: password_prompt(term, role)
    )
    if chosen == "json":
        term.json(data)
    elif chosen == "markdown":
        from salescoach.ui.team.desk_view import team_report_markdown

        term.stdout.write(team_report_markdown(data))
    else:
        from salescoach.ui.team.desk_view import render_team_report

        render_team_report(term.out, data)
