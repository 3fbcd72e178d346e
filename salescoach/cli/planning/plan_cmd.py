"""`salescoach plan`: today's plan for a rep, a cron job or a shell profile.

It never prompts and exits 0 whether or not there is work; `--fail-on overdue` / `--fail-on sla`
make it exit 1 when there are overdue follow-ups / broken first-contact SLAs.
"""

from __future__ import annotations

import typer

from salescoach.core.kernel.records import MAX_LIMIT

FORMATS = ("text", "json", "markdown")


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)


def plan(
    on: str | None = typer.Option(
        None, "--date", help="Plan for this day instead of today (2026-03-12, tomorrow, ...)."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json or markdown."),
    fail_on: list[str] = typer.Option(
        [], "--fail-on", help="Exit 1 if there is any: overdue, sla. May be repeated."
    ),
    limit: int = typer.Option(
        20, "--limit", min=0, max=MAX_LIMIT, help="Items per section (0: all)."
    ),
) -> None:
    """What to do today: overdue and due follow-ups by urgency, first contacts due (SLA),
    calls to prepare, stale deals, and goal progress."""
    import time

    from salescoach import clock
    from salescoach.cli.common import terminal
    from salescoach.core.kernel.dates import parse_date
    from salescoach.core.planning.plan import FAIL_ON, alerts, build_plan, plan_to_json
    from salescoach.core.playbook.limits import playbook_limits
    from salescoach.errors import EXIT_ALERT, ExitStatus, UsageError
    from salescoach.paths import cache_dir, playbook_dirs
    from salescoach.store.access import opened_store
    from salescoach.store.plan_queries import collect

    kind = fmt.strip().lower()
    if kind not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint="formats: " + ", ".join(FORMATS))
    unknown = [f for f in fail_on if f not in FAIL_ON]
    if unknown:
        raise UsageError(f"unknown --fail-on {unknown[0]!r}", hint="use: " + ", ".join(FAIL_ON))
    today = parse_date(on, clock.today()) if on else clock.today()
    cache = cache_dir() / "plan-limits.json"
    with opened_store() as conn:
        found = collect(
            conn,
            today,
            lambda names: playbook_limits(names, playbook_dirs(), cache, clock_ns=time.time_ns),
            limit=limit or None,
        )
    daily = build_plan(today, found)
    term = terminal()
    if kind == "json":
        term.json(plan_to_json(daily, clock.now()))
    elif kind == "markdown":
        from salescoach.ui.planning.plan_view import render_markdown

        term.page(render_markdown(daily))
    else:
        from salescoach.ui.planning.plan_view import render_text

        render_text(term, daily)
    for warning in daily.warnings:
        term.say(f"salescoach: warning: {warning}")
    reasons = alerts(daily, fail_on)
    if reasons:
        term.say("salescoach: alert: " + "; ".join(reasons))
        raise ExitStatus(EXIT_ALERT)
