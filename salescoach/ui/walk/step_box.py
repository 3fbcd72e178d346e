"""The walk's header line and step panels, drawn without rich.

The first step's panel is on screen while the rep waits for the first question, and importing
rich (and laying out its panel) took about as long as the rest of the walk's start-up. So the
panels are plain text in rich's rounded box, the same layout as the walk's other panels:
words wrapped to the terminal's width by their cells (wide characters count two), stored text
shown safely (`core.kernel.safe_text.visible`), colour only on a terminal that wants it.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from salescoach.core.kernel.safe_text import visible
from salescoach.core.kernel.steps import STEP_IDS

if TYPE_CHECKING:
    from salescoach.core.walk.protocol import StepView

PROGRESS_DONE, PROGRESS_NOW, PROGRESS_TODO = "●", "◉", "○"
_CODES = {"bold": "1", "dim": "2", "cyan": "36", "bold cyan": "1;36", "yellow": "33"}
_CODES |= {"green": "32", "bold yellow": "1;33"}


class Painter:
    """Styles as ANSI codes, or none (NO_COLOR, not a terminal, TERM=dumb)."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, style: str) -> str:
        if not self.colour or not style or not text:
            return text
        return f"\x1b[{_CODES[style]}m{text}\x1b[0m"


def painter_for(stream: IO[str], *, no_color: bool) -> Painter:
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    return Painter(terminal and not no_color and os.environ.get("TERM") != "dumb")


def width_of(stream: IO[str]) -> int:
    """The terminal's width as rich reads it: $COLUMNS, else the terminal's, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def progress(number: int) -> str:
    return " ".join(
        PROGRESS_DONE if i < number else PROGRESS_NOW if i == number else PROGRESS_TODO
        for i in range(1, len(STEP_IDS) + 1)
    )


def header(paint: Painter, lead_label: str, playbook: str, *, practice: bool, resumed: bool) -> str:
    line = paint("Practice walk" if practice else "Walk", "bold")
    line += paint(f"  {visible(lead_label)}", "bold cyan")
    line += paint(f"  ·  playbook {visible(playbook)}", "dim")
    if resumed:
        line += paint("  ·  resumed where it stopped", "yellow")
    return line


def indented(paint: Painter, text: str, width: int, style: str = "") -> str:
    """A paragraph wrapped two columns in (as rich's Padding (0, 0, 0, 2) lays it out)."""
    return "".join(f"  {paint(line, style)}\n" for line in _wrap(visible(text), max(width - 2, 20)))


def step_box(paint: Painter, view: StepView, width: int, *, saving: bool = True) -> str:
    """The step's panel: its goal, what good looks like, the checklist, the likely
    objections, what was answered before (resumed), and the keys."""
    step, inner = view.step, max(width - 4, 20)
    rows = _wrapped([("Goal  ", "bold"), (visible(step.goal), "")], inner)
    rows += [[], [("What good looks like", "bold")]]
    rows += _bullets(step.guidance, "•", inner)
    if step.checklist:
        rows += [[], [("Checklist", "bold")], *_bullets(step.checklist, "☐", inner)]
    if view.likely:
        likely = " · ".join(visible(o.title) for o in view.likely)
        rows += [[], *_wrapped([("Likely objections  ", "bold"), (likely, "")], inner)]
    if view.resumed and view.given:
        from salescoach.core.walk.answers import show

        rows += [[], [("Already answered here", "bold yellow")]]
        given = [f"{visible(q.text)} {visible(show(value, q))}" for q, value in view.given]
        rows += _bullets(given, "✓", inner, style="green", safe=True)
    keys = "Ctrl-O: the buyer raised an objection · " if view.contact else ""
    stop = "Ctrl-C: stop (everything so far is saved)" if saving else "Ctrl-C: stop"
    rows += [[], *_wrapped([(f"{keys}{stop}", "dim")], inner)]
    title = f"{view.number}/{len(STEP_IDS)}  {visible(step.title)}"
    return _boxed(paint, rows, title, progress(view.number), inner)


Piece = tuple[str, str]  # text, style


def _boxed(paint: Painter, rows: list[list[Piece]], title: str, subtitle: str, inner: int) -> str:
    title = _cut(title, inner - 2)
    top = paint("╭─ ", "cyan") + paint(title, "bold cyan")
    top += paint(" " + "─" * (inner - cells(title) - 2) + "─╮", "cyan")
    lines = [top]
    for row in rows:
        text = "".join(paint(t, s) for t, s in row)
        pad = " " * (inner - sum(cells(t) for t, _ in row))
        lines.append(paint("│", "cyan") + " " + text + pad + " " + paint("│", "cyan"))
    lines.append(paint("╰" + "─" * (inner - cells(subtitle) - 1) + f" {subtitle} ─╯", "cyan"))
    return "\n".join(lines) + "\n"


def _bullets(
    items: Sequence[str], mark: str, inner: int, style: str = "", *, safe: bool = False
) -> list[list[Piece]]:
    """Each item after its mark, its wrapped lines hanging under its text."""
    rows: list[list[Piece]] = []
    lead = f"  {mark} "
    for item in items:
        lines = _wrap(item if safe else visible(item), inner - cells(lead))
        for number, line in enumerate(lines):
            rows.append([(lead if number == 0 else " " * cells(lead), style), (line, "")])
    return rows


def _wrapped(pieces: list[Piece], inner: int) -> list[list[Piece]]:
    """Styled pieces flowing as one paragraph, wrapped at word boundaries."""
    words: list[Piece] = []
    for text, style in pieces:
        for number, word in enumerate(text.split(" ")):
            if number and words:
                words.append((" ", ""))
            if word:
                words.append((word, style))
    rows: list[list[Piece]] = [[]]
    used = 0
    for word, style in words:
        size = cells(word)
        if word == " ":
            if used and used < inner:
                rows[-1].append((word, style))
                used += 1
            continue
        if used + size > inner and used:
            while rows[-1] and rows[-1][-1][0] == " ":
                rows[-1].pop()
            rows.append([])
            used = 0
        for part in _fold(word, inner):
            if used and used + cells(part) > inner:
                rows.append([])
                used = 0
            rows[-1].append((part, style))
            used += cells(part)
    return rows


def _wrap(text: str, inner: int) -> list[str]:
    return ["".join(t for t, _ in row) for row in _wrapped([(text, "")], inner)] or [""]


def _fold(word: str, inner: int) -> list[str]:
    """A word longer than the line, cut into lines' worth of cells."""
    parts, current, used = [], "", 0
    for char in word:
        size = _cell(char)
        if used + size > inner and current:
            parts.append(current)
            current, used = "", 0
        current += char
        used += size
    return [*parts, current]


def _cut(text: str, inner: int) -> str:
    return text if cells(text) <= inner else _fold(text, inner - 1)[0] + "…"


def cells(text: str) -> int:
    return len(text) if text.isascii() else sum(_cell(c) for c in text)


def _cell(char: str) -> int:
    if char.isascii():
        return 1
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1
