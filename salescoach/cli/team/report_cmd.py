"""`salescoach team report`: every rep side by side and the team's total, from the hub."""

from __future__ import annotations

from pathlib import Path

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
    output_format: str = typer.Option(
        "text", "--format", help="text, json, markdown or html (html needs -o FILE)."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write html to this file."),
    force: bool = typer.Option(False, "--force", help="Replace the -o file if it exists."),
    by_version: bool = typer.Option(
        False, "--by-playbook-version", help="Win rate and days per step per playbook version."
    ),
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
    if chosen not in ("text", "json", "markdown", "html"):
        raise UsageError(f"unknown format {output_format!r}", hint="text, json, markdown, html")
    if (chosen == "html") != (output is not None):
        raise UsageError("--format html writes a file: give both --format html and -o FILE")
    today = clock.today()
    term = terminal()
    if by_version:
        from salescoach.cli.team.versions_cmd import report_by_version

        report_by_version(term, parse_span(period, today), today, chosen, bool(reps or output))
        return
    data = team_report(
        parse_span(period, today), today, reps, prompt=lambda role: password_prompt(term, role)
    )
    if chosen == "json":
        term.json(data)
    elif output is not None:
        from salescoach.core.kernel.safe_write import write_text
        from salescoach.ui.team.desk_html import team_report_html

        write_text(output, team_report_html(data), force=force)
        term.say(f"wrote {output}")
    elif chosen == "markdown":
        from salescoach.ui.team.desk_view import team_report_markdown

        term.stdout.write(team_report_markdown(data))
    else:
        from salescoach.ui.team.desk_view import render_team_report

        render_team_report(term.out, data)
