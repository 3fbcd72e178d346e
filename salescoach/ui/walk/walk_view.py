"""How the guided walk looks: criteria, tasks and the summary (its header and step panels are
plain text, ui/walk/step_box.py; its objection card is the objection command's compact one,
ui/objections/card.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from salescoach.core.planning.cadence import PlannedTask
from salescoach.core.walk.state import CriterionCheck
from salescoach.ui.plural import plural

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import Battlecard, Persona
    from salescoach.core.walk.shapes import WalkRecordJSON


def bullets(items: Sequence[str], mark: str, style: str = "") -> Table:
    """A list whose wrapped lines hang under their text, not under the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=style)
    grid.add_column()
    for item in items:
        grid.add_row(f"  {mark}", item)
    return grid


def criteria_lines(checks: Sequence[CriterionCheck]) -> Text:
    lines = Text()
    for check in checks:
        lines.append("  ")
        _criterion(lines, check)
        lines.append("\n")
    return lines


def _criterion(line: Text, check: CriterionCheck) -> None:
    """✓ met, ✗ missed, – not applicable (its condition, e.g. a won deal, does not hold)."""
    if check.met:
        line.append("✓ ", style="green")
        line.append(check.text)
    elif check.missed:
        line.append("✗ ", style="red")
        line.append(check.text, style="dim")
    else:
        line.append("– ", style="dim")
        line.append(f"{check.text} (not applicable)", style="dim")


def recorded_line(
    title: str, answers: int, checks: Sequence[CriterionCheck], *, practice: bool = False
) -> Text:
    """What was just recorded: the step, its answers, and each exit criterion met or not. A
    practice walk records nothing, and says so."""
    line = Text("✓ ", style="bold green")
    line.append(f"{title} {'rehearsed' if practice else 'recorded'}", style="bold")
    count = f"{answers} answer{'' if answers == 1 else 's'}"
    line.append(f" ({count}, practice: nothing saved)" if practice else f" ({count})")
    for check in checks:
        line.append("\n    ")
        _criterion(line, check)
    return line


def persona_points(persona: Persona) -> Table:
    return bullets(persona.talking_points, "▸", "cyan")


def battlecard_lines(card: Battlecard) -> Group:
    head = Text.assemble(("  vs ", "bold"), (card.name, "bold"), (": how to win", "bold"))
    return Group(head, bullets(card.how_we_win, "▸", "cyan"))


def tasks_table(
    tasks: Sequence[PlannedTask | None], originals: Sequence[PlannedTask], today: date
) -> Table:
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    for name in ("#", "due", "channel", "task"):
        table.add_column(name)
    for number, (task, original) in enumerate(zip(tasks, originals, strict=True), 1):
        if task is None:
            table.add_row(
                str(number), "", "", Text(f"{original.title} (dropped)", style="strike dim")
            )
            continue
        table.add_row(str(number), when(task.due, today), task.channel, task.title)
    return table


def when(day: date, today: date) -> str:
    """A due date as a rep reads it: `Thu 12 Mar` with `today` / `tomorrow` where they apply."""
    label = f"{day:%a} {day.day} {day:%b}"
    delta = (day - today).days
    if delta == 0:
        return f"today ({label})"
    if delta == 1:
        return f"tomorrow ({label})"
    return label


TASK_MARKS = {"open": "☐", "done": "☑"}  # dropped or cancelled since: ✗


def summary(record: WalkRecordJSON) -> Text:
    """The walk at its end (or where it stopped), in a few lines."""
    text = Text()
    steps = record["steps"]
    answers = sum(len(s["answers"]) for s in steps)
    text.append("✓ " if record["status"] == "finished" else "… ", style="bold green")
    # A practice walk saves nothing: its summary never says "recorded" or "scheduled".
    recorded, scheduled = (
        ("rehearsed", "proposed") if record["practice"] else ("recorded", "scheduled")
    )
    text.append(f"{plural(len(steps), 'step')} {recorded}, {plural(answers, 'answer')}")
    if record["objections"]:
        text.append(f", {plural(len(record['objections']), 'objection')}")
    kept = [t for t in record["tasks"] if t["kept"]]
    if record["tasks"]:
        text.append(f", {plural(len(kept), 'follow-up task')} {scheduled}")
    text.append("\n")
    skipped = [s["step"] for s in steps if s["criteria_skipped"]]
    if skipped:
        text.append("  moved on with exit criteria unmet: " + ", ".join(skipped) + "\n")
    if outcome := record["outcome"]:
        text.append(f"  outcome: {outcome['text']}\n")
    for task in sorted(kept, key=lambda t: str(t["due"])):
        status = task["status"] or "open"
        mark = TASK_MARKS.get(status, "✗")
        after = "" if status == "open" else f" ({status})"
        text.append(f"  {mark} {task['due']}  {task['title']}{after}\n")
    return text
