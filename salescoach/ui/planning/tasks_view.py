"""Showing tasks: a compact table for people, and --explain (scripts: core/planning/shapes.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from salescoach.core.planning.tasks import Task
from salescoach.core.planning.urgency import Urgency, due_phrase, score
from salescoach.ui.console import Terminal


def render_tasks(term: Terminal, tasks: Sequence[Task], today: date, *, explain: bool) -> None:
    if not tasks:
        term.say("No tasks match.")
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for name, justify in (("ID", "right"), ("Due", "left"), ("Lead", "left")):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column("Task", overflow="fold")
    table.add_column("Ch", no_wrap=True)
    table.add_column("Urg", justify="right", no_wrap=True)
    scored = [(task, score(task.urgency_input(), today)) for task in tasks]
    for task, urgency in scored:
        late = (today - task.due).days
        style = "bold red" if late > 0 and task.status == "open" else None
        table.add_row(
            str(task.id),
            (due_phrase(late) if task.status == "open" else f"{task.status} {task.due}")
            + (task.due_time.strftime(" %H:%M") if task.due_time else ""),
            escape(task.lead_label),
            escape(task.title),
            task.channel or "",
            f"{urgency.total:.1f}",
            style=style,
        )
    term.out.print(table)
    if explain:
        for task, urgency in scored:
            _explain(term, task, urgency)


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
