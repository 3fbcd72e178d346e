"""Many short lines on a rich console, each shown as `console.print(line, highlight=False)`
would show it, at a fraction of the cost.

Rich parses markup and wraps each printed string: about a millisecond a line, 18 s for the
20,000 SLA breaches of a 50-rep team. A line that rich would leave as it is (printable, no
markup or emoji code, no wider than the console) goes out as one segment of a block printed
once; any other line is printed by rich, in its place, as before. Either way the console's
render hooks (unsafe characters shown as escapes) see every line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment


class _Block:
    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        newline = Segment.line()
        for line in self.lines:
            yield Segment(line)
            yield newline


def as_is(line: str, width: int) -> bool:
    """Whether rich prints `line` unchanged: no character it would escape, expand or drop,
    no `[` that could open markup, no `:` that could open an emoji code, and it fits."""
    return line.isprintable() and "[" not in line and ":" not in line and cell_len(line) <= width


def print_lines(console: Console, lines: Sequence[str]) -> None:
    width = console.width
    block: list[str] = []
    for line in lines:
        if as_is(line, width):
            block.append(line)
            continue
        if block:
            console.print(_Block(block))
            block = []
        console.print(line, highlight=False)
    if block:
        console.print(_Block(block))
