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
    if len(tasks) > LONG:
        _render_plain(term, scored, today)
    else:
        _render_rich(term, scored, today)
    if explain:
        for task, urgency in scored:
            _explain(term, task, urgency)


def _due(task: Task, today: date) -> str:
    late = (today - task.due).days
    return (due_phrase(late) if task.status == "open" else f"{task.status} {task.due}") + (
        task.due_time.strftime(" %H:%M") if task.due_time else ""
    )


def _overdue(task: Task, today: date) -> bool:
    return (today - task.due).days > 0 and task.status == "open"


_PLAIN = (
    Column("ID", right=True),
    Column("Due"),
    Column("Lead", fold=True),
    Column("Task", fold=True),
    Column("Ch"),
    Column("Urg", right=True),
)


def _render_plain(term: Terminal, scored: list[tuple[Task, Urgency]], today: date) -> None:
    rows = [
        (str(t.id), _due(t, today), t.lead_label, t.title, t.channel or "", f"{u.total:.1f}")
        for t, u in scored
    ]
    render(term, _PLAIN, rows, alert=[_overdue(t, today) for t, _u in scored])


def _render_rich(term: Terminal, scored: list[tuple[Task, Urgency]], today: date) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for name, justify in (("ID", "right"), ("Due", "left"), ("Lead", "left")):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column("Task", overflow="fold")
    table.add_column("Ch", no_wrap=True)
    table.add_column("Urg", justify="right", no_wrap=True)
    for task, urgency in scored:
        table.add_row(
            str(task.id),
            _due(task, today),
            escape(task.lead_label),
            escape(task.title),
            task.channel or "",
            f"{urgency.total:.1f}",
            style="bold red" if _overdue(task, today) else None,
        )
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
