"""Text that rich would print unchanged, written without rich: importing and running rich's
console and table costs a whole-process command like `team plan` about a tenth of its time.

A view that has a plain form renders it only when every piece is text rich leaves as it is
(`unchanged`) on a stream it writes no styles to (`ui.console.styles_off`); anything else (a
terminal, FORCE_COLOR, a wide or combining character, `[` that could open markup, a line too
wide) goes to the view's rich form, which stays the reference: tests compare the two, byte
for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Characters one cell wide for rich, and safe to show as they are: printable Latin (the
# combining marks start at U+0300) and the punctuation salescoach's own texts use.
_PUNCTUATION = frozenset("–—‘’“”…•€")
# What rich's emoji codes need (`:name:`, no whitespace inside).
_EMOJI_CODE = re.compile(r":\S*:")


def unchanged(text: str, width: int) -> bool:
    """Whether rich prints `text` (markup and emoji codes on, no highlighting) as it is on a
    console `width` cells wide: one cell per character, nothing it would parse, no wrapping."""
    if len(text) > width or not text.isprintable() or "[" in text or text[-1:].isspace():
        return False
    if not (text.isascii() or all(ord(c) < 0x300 or c in _PUNCTUATION for c in text)):
        return False
    return ":" not in text or _EMOJI_CODE.search(text) is None


def table_text(
    title: str,
    headers: Sequence[str],
    right: Sequence[bool],
    rows: Sequence[Sequence[str]],
    width: int,
) -> str | None:
    """A rich `Table(title=title)` of these columns (`right`: justified right) and rows, as
    rich draws it on a console `width` cells wide (heavy head, one space of padding, the title
    centred above); None when rich would draw it otherwise (a cell or the title not
    `unchanged`, or the table too wide to fit)."""
    texts = [title, *headers, *(cell for row in rows for cell in row)]
    if not all(text == "" or unchanged(text, width) for text in texts):
        return None
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    total = sum(widths) + 3 * len(widths) + 1
    if total > width or len(title) > total:
        return None

    def line(left: str, cells: Sequence[str], middle: str) -> str:
        shown = [
            f" {cell.rjust(w) if r else cell.ljust(w)} "
            for cell, w, r in zip(cells, widths, right, strict=True)
        ]
        return left + middle.join(shown) + left

    def rule(left: str, fill: str, middle: str, end: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + end

    excess = total - len(title)
    lines = [
        " " * (excess // 2) + title + " " * (excess - excess // 2),
        rule("┏", "━", "┳", "┓"),
        line("┃", headers, "┃"),
        rule("┡", "━", "╇", "┩"),
        *(line("│", row, "│") for row in rows),
        rule("└", "─", "┴", "┘"),
    ]
    return "\n".join(lines) + "\n"
