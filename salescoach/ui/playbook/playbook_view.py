"""How a playbook, or one of its steps, reads in a terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from salescoach.core.playbook.loaded import LoadedPlaybook
from salescoach.core.playbook.model import Question, Step
from salescoach.ui.console import Terminal


def describe_question(question: Question) -> str:
    kind: str = question.type
    if question.choices:
        kind += ": " + " / ".join(question.choices)
    flags = " [required]" if question.required else ""
    condition = " (only when an earlier answer fits)" if question.when else ""
    return f"{question.text} ({kind}){flags}{condition}"


def bullets(items: list[str], mark: str = "•") -> Table:
    """A list whose wrapped lines hang under the text, not under the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row(mark, Text(item))
    return grid


def step_panel(step: Step, number: int) -> Panel:
    parts: list[RenderableType] = [Text.assemble(("Goal: ", "bold"), step.goal), ""]
    sections = [
        ("What good looks like", step.guidance, "•"),
        ("Checklist", step.checklist, "☐"),
        ("Questions", [describe_question(q) for q in step.questions], "?"),
        ("Move on when", [c.text for c in step.exit_criteria], "✓"),
    ]
    for heading, items, mark in sections:
        if items:
            parts += [Text(heading, style="bold"), bullets(items, mark), ""]
    title = f"[bold]{number}. {escape(step.title)}[/bold]"
    return Panel(Group(*parts[:-1]), title=title, title_align="left", border_style="cyan")


def render_playbook(term: Terminal, loaded: LoadedPlaybook, step_id: str | None) -> None:
    playbook = loaded.playbook
    steps = [(i, s) for i, s in enumerate(playbook.steps, 1) if step_id in (None, s.id)]
    if step_id is None:
        term.out.print(f"[bold]{escape(playbook.title)}[/bold]  ({loaded.name})")
        if playbook.description:
            term.out.print(escape(playbook.description))
        term.out.print()
    for number, step in steps:
        term.out.print(step_panel(step, number))
    if step_id is None:
        ids = ", ".join(o.id for o in playbook.objections)
        term.out.print(f"[bold]Objections[/bold] ({len(playbook.objections)}): {ids}")
        term.out.print(
            f"[bold]Cadences[/bold]: {', '.join(c.id for c in playbook.cadences)}   "
            f"[bold]Scenarios[/bold]: {', '.join(s.id for s in playbook.scenarios)}"
        )
