"""How a playbook, or one of its steps, reads in a terminal."""

from __future__ import annotations

from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from salescoach.core.loader import LoadedPlaybook
from salescoach.core.playbook import Question, Step
from salescoach.ui.console import Terminal


def describe_question(question: Question) -> str:
    kind: str = question.type
    if question.choices:
        kind += ": " + " / ".join(question.choices)
    flags = " [required]" if question.required else ""
    condition = " (only when an earlier answer fits)" if question.when else ""
    return f"{question.text} ({kind}){flags}{condition}"


def step_panel(step: Step, number: int) -> Panel:
    body = Text()
    body.append("Goal: ", style="bold")
    body.append(step.goal + "\n")
    body.append("\nWhat good looks like\n", style="bold")
    for point in step.guidance:
        body.append(f"  • {point}\n")
    if step.checklist:
        body.append("\nChecklist\n", style="bold")
        for item in step.checklist:
            body.append(f"  ☐ {item}\n")
    if step.questions:
        body.append("\nQuestions\n", style="bold")
        for question in step.questions:
            body.append(f"  ? {describe_question(question)}\n")
    if step.exit_criteria:
        body.append("\nMove on when\n", style="bold")
        for criterion in step.exit_criteria:
            body.append(f"  ✓ {criterion.text}\n")
    title = f"[bold]{number}. {escape(step.title)}[/bold]"
    return Panel(body, title=title, title_align="left", border_style="cyan")


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
