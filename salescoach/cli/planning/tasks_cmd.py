"""`salescoach tasks ...`: list tasks by urgency, add, done, snooze, drop, reopen, edit.

`salescoach tasks` with no subcommand is `tasks list`. Every change checks the task inside one
transaction; bad input exits 2 and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from salescoach.core.kernel.records import MAX_ID, MAX_LIMIT

if TYPE_CHECKING:
    import sqlite3
    from datetime import date

    from salescoach.store.task_queries import TaskFilter
    from salescoach.ui.console import Terminal

app = typer.Typer(
    help="Follow-up tasks, most urgent first: list, add, done, snooze, drop, reopen, edit, export.",
    invoke_without_command=True,
)

DUE_HELP = (
    "today (due by today), overdue, week (due within the next 7 days, today included, "
    "overdue too), or a date such as 2026-03-20."
)
STATUS_HELP = "open (default), done, dropped, cancelled, or all."


def _list_options() -> dict[str, Any]:
    return {
        "due": typer.Option(None, "--due", help=DUE_HELP),
        "lead": typer.Option(None, "--lead", help="Only this lead (id or part of the name)."),
        "channel": typer.Option(None, "--channel", help="Only this channel (call, email, ...)."),
        "status": typer.Option("open", "--status", help=STATUS_HELP),
        "limit": typer.Option(
            50, "--limit", min=0, max=MAX_LIMIT, help="At most this many (0: all)."
        ),
        "as_json": typer.Option(False, "--json", help="Print JSON."),
        "explain": typer.Option(False, "--explain", help="Show each urgency term."),
    }


_O = _list_options()  # the group's options (`tasks --due today`)
_L = _list_options()  # the same options on `tasks list`


@app.callback()
def _tasks(
    ctx: typer.Context,
    due: str | None = _O["due"],
    lead: str | None = _O["lead"],
    channel: str | None = _O["channel"],
    status: str = _O["status"],
    limit: int = _O["limit"],
    as_json: bool = _O["as_json"],
    explain: bool = _O["explain"],
) -> None:
    """Follow-up tasks. With no subcommand: the open tasks, most urgent first."""
    if ctx.invoked_subcommand is None:
        show_list(due, lead, channel, status, limit, as_json, explain)


@app.command("list")
def list_(
    due: str | None = _L["due"],
    lead: str | None = _L["lead"],
    channel: str | None = _L["channel"],
    status: str = _L["status"],
    limit: int = _L["limit"],
    as_json: bool = _L["as_json"],
    explain: bool = _L["explain"],
) -> None:
    """Open tasks, most urgent first (urgency terms: see --explain and the README)."""
    show_list(due, lead, channel, status, limit, as_json, explain)


def show_list(
    due: str | None,
    lead: str | None,
    channel: str | None,
    status: str,
    limit: int,
    as_json: bool,
    explain: bool,
) -> None:
    from salescoach import clock
    from salescoach.cli.common import terminal
    from salescoach.cli.planning.task_filters import task_filter
    from salescoach.store.access import opened_store

    today = clock.today()
    term = terminal()
    with opened_store() as conn:
        flt = task_filter(
            conn, today, due=due, lead=lead, channel=channel, status=status, limit=limit
        )
        every_open = flt.limit is None and flt.status == "open"
        if every_open and not (as_json or explain) and stream_all(term, conn, flt, today):
            return
        from salescoach.core.planning.jsonview import tasks_json
        from salescoach.store.task_queries import each_task, list_tasks
        from salescoach.ui.planning.tasks_view import render_tasks

        if as_json and flt.limit is None:  # every task, written as SQLite sorts them out
            term.json_items(tasks_json(each_task(conn, flt, today), today, explain=explain))
            return
        tasks, total = list_tasks(conn, flt, today)
    if as_json:
        term.json_items(tasks_json(tasks, today, explain=explain))
    else:
        render_tasks(term, tasks, today, explain=explain)
    if total > len(tasks):
        term.say(f"showing {len(tasks)} of {total}; use --limit 0 to see all")


def stream_all(term: Terminal, conn: sqlite3.Connection, flt: TaskFilter, today: date) -> bool:
    """Write every open task `flt` lists as a plain listing, as SQLite sorts them out, when
    they are too many for a rich table (False: they are not)."""
    from salescoach.store.task_listing import each_open_task, open_task_widths
    from salescoach.ui.plain_table import LONG, shown_width
    from salescoach.ui.planning.tasks_view import stream_open_tasks

    widths = open_task_widths(conn, flt, today, shown_width)
    if widths.count <= LONG:
        return False
    stream_open_tasks(term, widths, each_open_task(conn, flt, today), today)
    return True


@app.command()
def add(
    lead: str = typer.Argument(..., help="The lead: id or part of the name or company."),
    title: str = typer.Argument(..., help="What to do."),
    due: str = typer.Option(
        ..., "--due", help="When: 2026-03-20, tomorrow, friday, +3d ..., a time: 'friday 14:30'."
    ),
    channel: str | None = typer.Option(None, "--channel", help="call, email, meeting, ..."),
    priority: str = typer.Option("normal", "--priority", help="low, normal or high."),
    note: str | None = typer.Option(None, "--note", help="A note for when you do it."),
    as_json: bool = typer.Option(False, "--json", help="Print the task as JSON."),
) -> None:
    """Add a follow-up task by hand. Prints the new task's id."""
    from salescoach import clock
    from salescoach.actions.tasks import add_task
    from salescoach.core.kernel.when import parse_due
    from salescoach.core.planning.tasks import check_channel, check_priority, check_title
    from salescoach.store.access import opened_store
    from salescoach.store.leads import find_lead

    now = clock.now()
    when, at = parse_due(due, now.date())
    checked = (check_title(title), check_channel(channel), check_priority(priority) or "normal")
    with opened_store() as conn:
        found = find_lead(conn, lead)
        task = add_task(
            conn,
            found.id,
            checked[0],
            when,
            now,
            channel=checked[1],
            priority=checked[2],
            note=note,
            at=at,
        )
    _report(task, f"added task {task.id} for {task.lead_label}, due {_due(task)}", as_json, True)


@app.command()
def done(
    task_id: int = typer.Argument(..., metavar="ID", min=1, max=MAX_ID, help="The task's id."),
    note: str | None = typer.Option(None, "--note", help="What happened; kept in the log."),
    as_json: bool = typer.Option(False, "--json", help="Print the task as JSON."),
) -> None:
    """Mark a task done; it is logged as an interaction with the lead on the task's channel."""
    from salescoach import clock
    from salescoach.actions.interaction_log import interaction_log
    from salescoach.actions.tasks import complete_task
    from salescoach.store.access import opened_store

    with opened_store() as conn:
        task = complete_task(conn, interaction_log(conn), task_id, clock.now(), note=note)
    _report(task, f"done: task {task.id} ({task.title}) for {task.lead_label}", as_json)


@app.command()
def snooze(
    task_id: int = typer.Argument(..., metavar="ID", min=1, max=MAX_ID, help="The task's id."),
    until: str = typer.Option(
        ..., "--until", help="The new due date (today or later), with a time if wanted."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the task as JSON."),
) -> None:
    """Put a task off until a later date."""
    from salescoach import clock
    from salescoach.actions.tasks import snooze_task
    from salescoach.core.kernel.when import parse_due
    from salescoach.store.access import opened_store

    now = clock.now()
    day, at = parse_due(until, now.date())
    with opened_store() as conn:
        task = snooze_task(conn, task_id, day, now, at)
    _report(task, f"snoozed task {task.id} until {_due(task)}", as_json)


@app.command()
def drop(
    task_id: int = typer.Argument(..., metavar="ID", min=1, max=MAX_ID, help="The task's id."),
    reason: str = typer.Option(..., "--reason", help="Why it will not be done."),
    as_json: bool = typer.Option(False, "--json", help="Print the task as JSON."),
) -> None:
    """Close a task without doing it, saying why."""
    from salescoach import clock
    from salescoach.actions.tasks import drop_task
    from salescoach.store.access import opened_store

    with opened_store() as conn:
        task = drop_task(conn, task_id, reason, clock.now())
    _report(task, f"dropped task {task.id}: {task.reason}", as_json)


@app.command()
def reopen(
    task_id: int = typer.Argument(..., metavar="ID", min=1, max=MAX_ID, help="The task's id."),
    as_json: bool = typer.Option(False, "--json", help="Print the task as JSON."),
) -> None:
    """Open a cancelled or dropped task again (undo a reply's, a win's or a loss's
    cancellation); it keeps its due date, or is due today if that has passed."""
    from salescoach import clock
    from salescoach.actions.tasks import reopen_task
    from salescoach.store.access import opened_store

    with opened_store() as conn:
        task = reopen_task(conn, task_id, clock.now())
    _report(task, f"reopened task {task.id} ({task.title}), due {_due(task)}", as_json)


@app.command()
def edit(
    task_id: int = typer.Argument(..., metavar="ID", min=1, max=MAX_ID, help="The task's id."),
    title: str | None = typer.Option(None, "--title", help="A new title."),
    due: str | None = typer.Option(
        None, "--due", help="A new due date (today or later), with a time if wanted."
    ),
    channel: str | None = typer.Option(None, "--channel", help="A new channel."),
    priority: str | None = typer.Option(None, "--priority", help="low, normal or high."),
    as_json: bool = typer.Option(False, "--json", help="Print the task as JSON."),
) -> None:
    """Change an open task's title, due date, channel or priority."""
    from salescoach import clock
    from salescoach.actions.tasks import edit_task
    from salescoach.core.kernel.when import parse_due
    from salescoach.core.planning.tasks import (
        TaskChanges,
        check_channel,
        check_priority,
        check_title,
    )
    from salescoach.store.access import opened_store

    now = clock.now()
    day, at = parse_due(due, now.date()) if due is not None else (None, None)
    changes = TaskChanges(
        title=check_title(title) if title is not None else None,
        due=day,
        due_time=at,
        channel=check_channel(channel),
        priority=check_priority(priority),
    )
    with opened_store() as conn:
        task = edit_task(conn, task_id, changes, now)
    _report(task, f"edited task {task.id}", as_json)


def _due(task: Any) -> str:
    return f"{task.due} {task.due_time:%H:%M}" if task.due_time else str(task.due)


def _report(task: Any, message: str, as_json: bool, print_id: bool = False) -> None:
    from salescoach import clock
    from salescoach.cli.common import terminal
    from salescoach.core.planning.jsonview import task_json

    term = terminal()
    if as_json:
        term.json(task_json(task, clock.today()))
    elif print_id:
        term.line(str(task.id))
    term.say(message)


def register(parent: typer.Typer) -> None:
    from salescoach.cli.planning import tasks_export_cmd

    tasks_export_cmd.register(app)
    parent.add_typer(app, name="tasks")
