"""print_lines shows every line exactly as rich's own print would, on any console."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from salescoach.ui.console import Terminal
from salescoach.ui.plain_lines import as_is, print_lines

LINES = [
    "  Lead 1 (Company 1), rep01, 2026-03-05",
    "",
    "  trailing spaces   ",
    "  Acme [bold]Red[/bold] (markup), rep02, 2026-03-05",
    "  Acme [internal] (an unknown tag), rep02, –",
    "  Emoji :thumbs_up: here, rep03, 2026-03-06",
    "  a \\[escaped] bracket",
    "  東京商事 (株式会社), rep04, 2026-03-07",
    "  e\u0301 combining, rep05",
    "  control \x1b[31m red \x07 bell, rep06",
    "  tab\there, rep07",
    "  zero\u200bwidth, rep08",
    "  " + "long name " * 30 + ", rep09, 2026-03-08",
    "  " + "東" * 45,
    "  Lead 2 (Company 2), rep10, 2026-03-09",
]


def _rich(console: Console, lines: list[str]) -> None:
    for line in lines:
        console.print(line, highlight=False)


@pytest.mark.parametrize("width", [80, 160])
def test_the_same_text_as_rich_through_a_terminal(width: int) -> None:
    outputs = []
    for show in (_rich, print_lines):
        stdout = io.StringIO()
        show(Terminal(stdout=stdout, width=width, no_color=True).out, LINES)
        outputs.append(stdout.getvalue())
    assert outputs[0] == outputs[1]
    assert "\x1b" not in outputs[1]  # the render hook still escapes a block's lines


def test_the_same_text_and_styles_on_a_colour_terminal() -> None:
    outputs = []
    for show in (_rich, print_lines):
        console = Console(file=io.StringIO(), force_terminal=True, width=60, color_system="256")
        console.print("[bold]Title[/bold]: 2")
        show(console, LINES)
        outputs.append(console.file.getvalue())  # type: ignore[attr-defined]
    assert outputs[0] == outputs[1]


def test_which_lines_go_out_as_they_are() -> None:
    assert as_is("  Lead 1 (Company 1), rep01, 2026-03-05", 80)
    assert as_is("  東京商事", 80)
    assert not as_is("  Acme [x]", 80)
    assert not as_is("  a :smile: b", 80)
    assert not as_is("tab\there", 80)
    assert not as_is("x" * 81, 80)
