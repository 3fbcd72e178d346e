"""`salescoach tasks export`: tasks for calendars (iCalendar), taskwarrior, or spreadsheets."""

from __future__ import annotations

from pathlib import Path

import typer


def register(tasks_app: typer.Typer) -> None:
    tasks_app.command("export")(export)


def export(
    fmt: str = typer.Option("ics", "--format", help="ics, taskwarrior or csv."),
    as_events: bool = typer.Option(
        False, "--as-events", help="ics only: all-day events instead of to-dos."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (default: standard output)."
    ),
    due: str | None = typer.Option(None, "--due", help="today, overdue, week, or a date."),
    lead: str | None = typer.Option(None, "--lead", help="Only this lead."),
    channel: str | None = typer.Option(None, "--channel", help="Only this channel."),
    status: str = typer.Option("open", "--status", help="open (default), done, ..., or all."),
    alarm: int = typer.Option(
        10, "--alarm", min=0, max=10080, help="ics: remind N minutes before a timed task (0: no)."
    ),
    minutes: int | None = typer.Option(
        None, "--duration", min=1, max=1440, help="ics events: minutes (default: by channel)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
) -> None:
    """Export tasks. Identifiers are stable: importing again updates rather than duplicates."""
    from salescoach import __version__, clock
    from salescoach.cli.common import terminal
    from salescoach.cli.planning.task_filters import task_filter
    from salescoach.core.kernel.safe_write import check_target, write_text
    from salescoach.core.planning.task_export import FORMATS, to_csv, to_ics, to_taskwarrior
    from salescoach.errors import UsageError
    from salescoach.store.access import opened_store
    from salescoach.store.task_queries import list_tasks
    from salescoach.ui.plural import plural

    kind = fmt.strip().lower()
    if kind not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", hint="formats: " + ", ".join(FORMATS))
    if as_events and kind != "ics":
        raise UsageError("--as-events goes with --format ics only")
    if output is not None:
        check_target(output, force=force)  # before the work, so a refusal costs nothing
    now = clock.now()
    with opened_store() as conn:
        flt = task_filter(
            conn, now.date(), due=due, lead=lead, channel=channel, status=status, limit=None
        )
        tasks, _total = list_tasks(conn, flt, now.date())
    if kind == "ics":
        text = to_ics(
            tasks,
            now,
            version=__version__,
            as_events=as_events,
            alarm_minutes=alarm,
            event_minutes=minutes,
        )
    elif kind == "taskwarrior":
        text = to_taskwarrior(tasks)
    else:
        text = to_csv(tasks)
    term = terminal()
    if output is None:
        term.write(text)
    else:
        write_text(output, text, force=force)  # owner-only: exports hold customers' names
        term.say(f"wrote {plural(len(tasks), 'task')} to {output}")
