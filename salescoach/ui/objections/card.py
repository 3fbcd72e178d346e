"""The compact objection card: what a rep can take in at a glance mid-call, on an 80x24
terminal. The objection command prints it by default and the walk shows it on Ctrl-O;
`objection --full` prints everything instead (objection_view.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from salescoach.core.objections.shapes import ObjectionPrompts

FIRST_QUESTIONS = 2  # the questions to ask before answering anything
CONCERN_LINES = 2
QUESTION_LINES = 2
FULL_HINT = "--full: every question, whole responses, lines to avoid"


class Clipped:
    """Text wrapped to the width it is given, cut to `lines` lines with an ellipsis."""

    def __init__(self, text: Text, lines: int) -> None:
        self.text = text
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wrapped = list(self.text.wrap(console, options.max_width))
        if len(wrapped) > self.lines:
            wrapped = wrapped[: self.lines]
            last = wrapped[-1]
            last.truncate(options.max_width - 1)
            last.rstrip()
            last.append("…")
        yield from wrapped


def compact_card(
    prompts: ObjectionPrompts,
    how_we_win: Iterable[tuple[str, str]] = (),  # (competitor name, its first how-we-win line)
    *,
    score: float | None = None,
    hint: bool = True,
) -> Panel:
    concern = Text.assemble(("Concern: ", "bold"), prompts["concern"])
    parts: list[RenderableType] = [Clipped(concern, CONCERN_LINES), Text("Ask first", "bold")]
    parts.append(_marked("?", prompts["probing_questions"][:FIRST_QUESTIONS]))
    for response in prompts["responses"]:
        stages = Table.grid(padding=(0, 1))
        label = 2 + max(len(stage) for stage in response["stages"])
        stages.add_column(style="cyan", no_wrap=True, min_width=label)
        stages.add_column()
        for stage, line in response["stages"].items():
            stages.add_row(f"  {stage}", Clipped(Text(line), 1))
        parts += [Text(response["framework"], "bold"), stages]
    for name, line in how_we_win:
        win = Text.assemble(("How we win vs ", "bold"), (name, "bold"), ": ", line)
        parts.append(Clipped(win, 1))
    shown = f" {score:.2f}" if score is not None else ""
    return Panel(
        Group(*parts),
        title=f"[bold]{escape(prompts['title'])}[/bold]  ({prompts['id']}{shown})",
        title_align="left",
        subtitle=f"[dim]{FULL_HINT}[/dim]" if hint else None,
        subtitle_align="right",
        border_style="green",
    )


def _marked(mark: str, lines: Sequence[str]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row(f"  {mark}", Clipped(Text(line), QUESTION_LINES))
    return grid
