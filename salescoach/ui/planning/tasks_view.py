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
    # A closed task has no urgency: it is shown with how and when it was closed instead.
    closed = any(task.status != "open" for task in tasks)
    columns = _columns(closed)
    rows = [_cells(task, urgency, today, closed) for task, urgency in scored]
    alert = [_overdue(task, today) for task in tasks]
    if len(tasks) > LONG:
        render(term, columns, rows, alert=alert)
    else:
        _render_rich(term, columns, rows, alert)
    if explain:
        for task, urgency in scored:
            if task.status == "open":
                _explain(term, task, urgency)


def _columns(closed: bool) -> tuple[Column, ...]:
    return (
        Column("ID", right=True),
        Column("Due"),
        Column("Lead", fold=True),
        Column("Task", fold=True),
        Column("Ch"),
        *((Column("Closed", fold=True),) if closed else ()),
        Column("Urg", right=True),
    )


def _cells(task: Task, urgency: Urgency, today: date, closed: bool) -> tuple[str, ...]:
    is_open = task.status == "open"
    due = due_phrase((today - task.due).days) if is_open else task.due.isoformat()
    return (
        str(task.id),
        due + (task.due_time.strftime(" %H:%M") if task.due_time else ""),
        task.lead_label,
        task.title,
        task.channel or "",
        *((task.closed or "",) if closed else ()),
        f"{urgency.total:.1f}" if is_open else "",
    )


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
    for cells, late in zip(rows, alert, strict=True):
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
