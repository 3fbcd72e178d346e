"""The terminal: data to stdout, messages to stderr, prompts only when a person is there.

One `Terminal` is made per command run and passed to whatever shows or asks. Rich is imported
only when something is rendered with it, so plain and JSON output stay cheap.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

NO_INPUT_VARIABLE = "SALESCOACH_NO_INPUT"


@dataclass
class Terminal:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    no_input: bool = False
    _out: Console | None = None
    _err: Console | None = None

    @property
    def interactive(self) -> bool:
        """True when a person can answer: stdin and stdout are terminals and input is allowed."""
        if self.no_input or os.environ.get(NO_INPUT_VARIABLE, "") not in ("", "0"):
            return False
        return isatty(sys.stdin) and isatty(self.stdout)

    @property
    def out(self) -> Console:
        """Rich console on stdout (for data a person reads)."""
        if self._out is None:
            self._out = _console(self.stdout)
        return self._out

    @property
    def err(self) -> Console:
        """Rich console on stderr (for narration and messages)."""
        if self._err is None:
            self._err = _console(self.stderr)
        return self._err

    def json(self, data: Any) -> None:
        self.stdout.write(
            json.dumps(data, indent=2, ensure_ascii=False, default=str, allow_nan=False) + "\n"
        )

    def line(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def say(self, text: str) -> None:
        """A plain message on stderr."""
        self.stderr.write(text + "\n")


def isatty(stream: Any) -> bool:
    """Whether `stream` is a terminal; False for closed or replaced streams (tests, pipes)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _columns(default: int) -> int:
    try:
        return max(40, int(os.environ.get("COLUMNS", default)))
    except ValueError:
        return default


def _console(stream: TextIO) -> Console:
    from rich.console import Console

    # Piped or redirected output is not wrapped at a terminal's width: 160 columns (or
    # $COLUMNS) keeps table rows on one line for grep while staying readable in a file.
    width = None if isatty(stream) else _columns(default=160)
    return Console(file=stream, width=width, highlight=False, soft_wrap=False)
