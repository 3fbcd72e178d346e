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
    # A closed task has no urgency: it is shown with how and when it was closed instead.
    any_closed = any(task.status != "open" for task in tasks)
    if any_closed:
        table.add_column("Closed", overflow="fold")
    table.add_column("Urg", justify="right", no_wrap=True)
    scored = [(task, score(task.urgency_input(), today)) for task in tasks]
    for task, urgency in scored:
        late = (today - task.due).days
        is_open = task.status == "open"
        style = "bold red" if late > 0 and is_open else None
        due = due_phrase(late) if is_open else task.due.isoformat()
        cells = [
            str(task.id),
            due + (task.due_time.strftime(" %H:%M") if task.due_time else ""),
            escape(task.lead_label),
            escape(task.title),
            task.channel or "",
        ]
        if any_closed:
            cells.append(escape(task.closed or ""))
        cells.append(f"{urgency.total:.1f}" if is_open else "")
        table.add_row(*cells, style=style)
    term.out.print(table)
    if explain:
        for task, urgency in scored:
            if task.status == "open":
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
