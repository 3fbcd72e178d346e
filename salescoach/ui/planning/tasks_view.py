"""Showing tasks: a compact table for people, and --explain (scripts: core/planning/shapes.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from salescoach.core.planning.tasks import Task
from salescoach.core.planning.urgency import Urgency, due_phrase, score
from salescoach.ui.console import Terminal
from salescoach.ui.plain_table import LONG, Column, render


def render_tasks(term: Terminal, tasks: Sequence[Task], today: date, *, explain: bool) -> None:
    if not tasks:
        term.say("No tasks match.")
        return
    scored = [(task, score(task.urgency_input(), today)) for task in tasks]
    # Closed tasks have no urgency and their due date no longer matters: they follow the open
    # ones (the table `tasks` shows) in a table of their own, how and when they were closed
    # and why, so `--status all` is no wider than `tasks` and fits an 80-column terminal.
    open_ = [(task, urgency) for task, urgency in scored if task.closed is None]
    closed = [task for task, _ in scored if task.closed is not None]
    if open_:
        rows = [_open_cells(task, urgency, today) for task, urgency in open_]
        _table(term, _OPEN, rows, [_overdue(task, today) for task, _ in open_])
    if closed:
        if open_:
            term.write("\n")
        _table(term, _CLOSED, [_closed_cells(task) for task in closed], [])
    if explain:
        for task, urgency in open_:
            _explain(term, task, urgency)


_OPEN = (
    Column("ID", right=True),
    Column("Due"),
    Column("Lead", fold=True),
    Column("Task", fold=True),
    Column("Ch"),
    Column("Urg", right=True),
)
_CLOSED = (Column("ID", right=True), Column("Closed"), Column("Lead", fold=True),
           Column("Task (why closed)", fold=True))  # fmt: skip


def _table(
    term: Terminal, columns: Sequence[Column], rows: list[tuple[str, ...]], alert: list[bool]
) -> None:
    if len(rows) > LONG:
        render(term, columns, rows, alert=alert)
    else:
        _render_rich(term, columns, rows, alert)


def _open_cells(task: Task, urgency: Urgency, today: date) -> tuple[str, ...]:
    due = due_phrase((today - task.due).days)
    return (
        str(task.id),
        due + (task.due_time.strftime(" %H:%M") if task.due_time else ""),
        task.lead_label,
        task.title,
        task.channel or "",
        f"{urgency.total:.1f}",
    )


def _closed_cells(task: Task) -> tuple[str, ...]:
    how, _, why = (task.closed or "").partition(": ")  # `cancelled 2026-03-11: lead replied`
    return (str(task.id), how, task.lead_label, f"{task.title} ({why})" if why else task.title)


def _overdue(task: Task, today: date) -> bool:
    return (today - task.due).days > 0 and task.status == "open"


def _render_rich(
    term: Terminal, columns: Sequence[Column], rows: list[tuple[str, ...]], alert: list[bool]
) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for column in columns:
        table.add_column(
            column.header,
            justify="right" if column.right else "left",
            overflow="fold" if column.fold else "ellipsis",
            no_wrap=not column.fold,
        )
    for cells, late in zip(rows, alert or [False] * len(rows), strict=True):
        table.add_row(*(escape(cell) for cell in cells), style="bold red" if late else None)
    term.out.print(table)


def _explain(term: Terminal, task: Task, urgency: Urgency) -> None:
    from rich.markup import escape
    from rich.table import Table

    term.out.print()
    term.out.print(f"[bold]#{task.id}[/] {escape(task.lead_label)}: {escape(task.title)}")
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="dim")
    for name in ("term", "value", "x coef", "= points", "because"):
        table.add_column(name, justify="left" if name in ("term", "because") else "right")
    for term_ in urgency.terms:
        table.add_row(
            term_.name,
            f"{term_.value:.2f}",
            f"{term_.coefficient:g}",
            f"{term_.contribution:.2f}",
            escape(term_.detail),
        )
    table.add_row("urgency", "", "", f"{urgency.total:.2f}", "", style="bold")
    term.out.print(table)
