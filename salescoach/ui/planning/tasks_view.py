"""Showing tasks: a compact table for people, and --explain (scripts: core/planning/shapes.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, time
from itertools import chain

from salescoach.core.kernel.records import lead_label
from salescoach.core.planning.task_lines import OpenTaskLine, OpenTaskWidths
from salescoach.core.planning.tasks import Task
from salescoach.core.planning.urgency import Urgency, due_phrase, score
from salescoach.ui.console import Terminal
from salescoach.ui.plain_table import LONG, Column, render, shown, stream


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


def stream_open_tasks(
    term: Terminal, widths: OpenTaskWidths, lines: Iterator[OpenTaskLine], today: date
) -> None:
    """Every open task as `render_tasks` lists a long list, written as the lines come."""
    first = next(lines, None)
    if first is None:
        term.say("No tasks match.")
        return
    due = max(
        len(_due_text(day, "00:00" if timed else None, today))
        for timed, span in widths.due_spans.items()
        for day in span
    )
    urgency = len(f"{first.urgency:.1f}")  # the most urgent first, and none is negative
    sizes = [widths.id, due, widths.lead, widths.title, widths.channel, urgency]
    rows = ((_line_cells(line, today), line.due < today) for line in chain([first], lines))
    stream(term, _OPEN, sizes, rows, safe=True)


def _line_cells(line: OpenTaskLine, today: date) -> tuple[str, ...]:
    """The cells as shown: only the stored text can hold characters to escape."""
    return (
        str(line.id),
        _due_text(line.due, line.due_time, today),
        shown(lead_label(line.lead_name, line.lead_company)),
        shown(line.title),
        shown(line.channel or ""),
        f"{line.urgency:.1f}",
    )


def _due_text(due: date, at: str | None, today: date) -> str:
    return due_phrase((today - due).days) + (
        time.fromisoformat(at).strftime(" %H:%M") if at else ""
    )


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
    at = task.due_time.strftime("%H:%M") if task.due_time else None
    return (
        str(task.id),
        _due_text(task.due, at, today),
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
