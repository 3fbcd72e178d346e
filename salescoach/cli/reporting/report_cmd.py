"""`salescoach report`: activity, funnel, SLA, objections, training and goals for a period."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    period: str = typer.Option(
        "week", "--period", help="week, month, quarter, day, or FROM..TO (e.g. 2026-01-01..today)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the documented JSON shape."),
    markdown: bool = typer.Option(False, "--markdown", help="Print markdown."),
    schema: bool = typer.Option(False, "--schema", help="Print the JSON Schema of --json."),
) -> None:
    """What happened in a period, computed from the log: activity by step and channel, the
    funnel with conversion and days per step, win rate, SLA compliance, objections, training
    scores and goal progress."""
    from salescoach.cli.common import terminal

    term = terminal()
    if schema:
        from salescoach.core.published import json_schema

        term.json(json_schema("report"))
        return
    from salescoach import clock
    from salescoach.core.kernel.periods import parse_span
    from salescoach.core.reporting.report import build_report
    from salescoach.errors import UsageError
    from salescoach.store.access import opened_store
    from salescoach.store.report_queries import collect

    if as_json and markdown:
        raise UsageError("choose one of --json and --markdown")
    today = clock.today()
    span = parse_span(period, today)
    with opened_store() as conn:
        collected = collect(conn, span, today)
    data = build_report(span, today, collected)
    if as_json:
        term.json(data)
    elif markdown:
        from salescoach.ui.reporting.report_view import report_markdown

        term.page(report_markdown(data))
    else:
        from salescoach.ui.reporting.report_view import render_report

        render_report(term.out, data)
