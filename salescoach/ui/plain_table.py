"""Long listings as plain fixed-width text: the layout of the rich tables they replace
(`box=None`, two spaces between columns, a bold header), at a fraction of the cost.

Rich lays out a table at about half a millisecond per row: 3.7 s for 8,000 open tasks. Views
hand a listing here once it is longer than LONG rows; shorter ones stay rich tables. Text
is shown through `shown` (control characters as escapes) and measured in terminal cells, so
columns line up for any script; a row too wide for the terminal wraps its foldable columns.
`render` takes the rows in hand; `stream` writes rows as they come, under widths measured
beforehand (a listing of every task holds no row longer than it writes it). Rich's cell
widths are imported only for text that is not ASCII, where a character may take two cells.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from salescoach.core.kernel.safe_text import visible
from salescoach.ui.console import Terminal, isatty

LONG = 100  # rows: from here on a listing is drawn plain
_BOLD, _RED, _RESET = "\x1b[1m", "\x1b[1;31m", "\x1b[0m"
_GAP = "  "
_NARROW_BELOW = "\u0300"  # combining marks start here
_BATCH = 512  # lines written at once: one flush per batch, not per line


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # right-justified (numbers)
    fold: bool = False  # may wrap onto more lines when the row is too wide


def shown(text: str) -> str:
    """`text` with every unsafe character written as a visible escape, by the views' one rule."""
    return visible(text)


def render(
    term: Terminal,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    alert: Sequence[bool] = (),
) -> None:
    """Write `rows` under `columns`; a row whose `alert` is true is red where colour shows."""
    cells = [[shown(c) for c in row] for row in rows]
    widths = [max((cell_len(row[n]) for row in cells), default=0) for n in range(len(columns))]
    flags = [index < len(alert) and alert[index] for index in range(len(cells))]
    stream(term, columns, widths, zip(cells, flags, strict=True), safe=True)


def stream(
    term: Terminal,
    columns: Sequence[Column],
    widths: Sequence[int],
    rows: Iterable[tuple[Sequence[str], bool]],
    *,
    safe: bool = False,
) -> None:
    """Write each (cells, alert) of `rows` as it comes, under `columns` as wide as `widths`
    (the widest cell of each, as shown) or their headers; `safe`: the cells are shown text."""
    fitted = [max(cell_len(col.header), width) for col, width in zip(columns, widths, strict=True)]
    _fit(fitted, columns, _width(term))
    colour = not term.no_color and isatty(term.stdout)
    lines = [_line([c.header for c in columns], fitted, columns, _BOLD if colour else "")]
    for row, late in rows:
        cells = row if safe else [shown(c) for c in row]
        lines.append(_line(cells, fitted, columns, _RED if colour and late else ""))
        if len(lines) == _BATCH:
            term.write("".join(lines))
            lines.clear()
    term.write("".join(lines))


def cell_len(text: str) -> int:
    """The terminal cells `text` takes, as rich measures them: shown text below U+0300 (ASCII,
    Latin-1 and Latin Extended, whose control and format characters shown text has escaped)
    takes one cell a character; rich's tables are read only for the rest."""
    if text.isascii() or max(text) < _NARROW_BELOW:
        return len(text)
    from rich.cells import cell_len as cells

    return cells(text)


def _width(term: Terminal) -> int:
    if isatty(term.stdout):
        return shutil.get_terminal_size().columns
    return term.width


def _fit(widths: list[int], columns: Sequence[Column], room: int) -> None:
    """Narrow the widest foldable columns until the row fits in `room` cells (or cannot)."""
    total = sum(widths) + len(_GAP) * (len(widths) - 1)
    while total > room:
        foldable = [n for n, col in enumerate(columns) if col.fold and widths[n] > 8]
        if not foldable:
            return
        widest = max(foldable, key=lambda n: widths[n])
        cut = min(total - room, widths[widest] - 8)
        widths[widest] -= cut
        total -= cut


def _line(row: Sequence[str], widths: list[int], columns: Sequence[Column], style: str) -> str:
    cells = []
    for text, width, col in zip(row, widths, columns, strict=True):
        room = width - cell_len(text)
        if room < 0:  # too wide: the foldable cells wrap onto more lines
            return _folded(row, widths, columns, style)
        cells.append(text if not room else (" " * room + text if col.right else text + " " * room))
    text = _GAP.join(cells)
    return f"{style}{text}{_RESET}\n" if style else text + "\n"


def _folded(row: Sequence[str], widths: list[int], columns: Sequence[Column], style: str) -> str:
    parts = [
        _wrapped(text, width) if col.fold else [text]
        for text, width, col in zip(row, widths, columns, strict=True)
    ]
    out = []
    for depth in range(max(len(p) for p in parts)):
        cells = []
        for part, width, col in zip(parts, widths, columns, strict=True):
            text = part[depth] if depth < len(part) else ""
            cells.append(_padded(text, width - cell_len(text), col.right))
        text = _GAP.join(cells)
        out.append(f"{style}{text}{_RESET}\n" if style else text + "\n")
    return "".join(out)


def _padded(text: str, room: int, right: bool) -> str:
    pad = " " * room if room > 0 else ""
    return pad + text if right else text + pad


def _wrapped(text: str, width: int) -> list[str]:
    if cell_len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def shown_width(text: str) -> int:
    """The cells `text` takes once shown (its unsafe characters as escapes)."""
    return cell_len(shown(text))
