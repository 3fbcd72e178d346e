"""The terminal: data to stdout, messages to stderr, prompts only when a person is there.

One `Terminal` is made per command run (`salescoach.cli.common.terminal`) and passed to
whatever shows or asks; a test makes its own with its own streams and settings. What it knows
of the environment (a person at the keyboard, the width, colour) is read once, when it is made.
Rich is imported only when something is rendered with it, so plain and JSON output stay cheap.

Every view's text reaches the terminal through here, so here is where stored text is made
safe to show (salescoach.core.kernel.safe_text): each rich console renders through `VisibleText`,
`line`, `say` and `page` show unsafe characters as escapes, and `json` writes them as \\u
escapes (the same data, standard JSON). `write` is for documents salescoach writes as data
(exports, schemas), which carry their values exactly.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from salescoach.core.kernel.safe_text import first_unsafe, is_unsafe, visible

if TYPE_CHECKING:
    from rich.console import Console

NO_INPUT_VARIABLE = "SALESCOACH_NO_INPUT"
# One encoder for every JSON output (`json.dumps` with options builds one per call).
_JSON = json.JSONEncoder(indent=2, ensure_ascii=False, default=str, allow_nan=False)
PIPED_WIDTH = 160


class Terminal:
    """Where one command's output and prompts go. Each setting not given is read from the
    environment: `interactive` (stdin and stdout are terminals, input is allowed), `width`
    (for output that is not a terminal: $COLUMNS, else 160; a terminal keeps its own width)
    and `no_color` ($NO_COLOR)."""

    def __init__(
        self,
        *,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdin: TextIO | None = None,
        interactive: bool | None = None,
        width: int | None = None,
        no_color: bool | None = None,
        no_input: bool = False,
    ) -> None:
        self.stdout: TextIO = sys.stdout if stdout is None else stdout
        self.stderr: TextIO = sys.stderr if stderr is None else stderr
        self.stdin: TextIO = sys.stdin if stdin is None else stdin
        if interactive is None:
            interactive = _input_allowed() and isatty(self.stdin) and isatty(self.stdout)
        self.interactive = interactive and not no_input
        self.width = _columns(default=PIPED_WIDTH) if width is None else width
        self.no_color = os.environ.get("NO_COLOR", "") != "" if no_color is None else no_color
        self._out: Console | None = None
        self._err: Console | None = None
        self._screen: tuple[Console, TextIO] | None = None
        self._tty: TextIO | None = None

    def without_input(self) -> Terminal:
        """The same streams and settings, with no one asked anything (`--no-input`)."""
        return Terminal(
            stdout=self.stdout,
            stderr=self.stderr,
            stdin=self.stdin,
            interactive=False,
            width=self.width,
            no_color=self.no_color,
        )

    @property
    def out(self) -> Console:
        """Rich console on stdout (for data a person reads)."""
        if self._out is None:
            self._out = self._console(self.stdout)
        return self._out

    @property
    def err(self) -> Console:
        """Rich console on stderr (for narration and messages)."""
        if self._err is None:
            self._err = self._console(self.stderr)
        return self._err

    def screen(self, *, data_on_stdout: bool) -> tuple[Console, TextIO]:
        """The console and stream a person watches and answers prompts on
        (`screen_stream`)."""
        stream = self.screen_stream(data_on_stdout=data_on_stdout)
        if stream is self.stdout:
            return self.out, stream
        if stream is self.stderr:
            return self.err, stream
        if self._screen is None or self._screen[1] is not stream:
            self._screen = self._console(stream), stream
        return self._screen

    def screen_stream(self, *, data_on_stdout: bool) -> TextIO:
        """The stream a person watches: stdout if it is the terminal and carries no data
        (`--json`), else stderr if that is the terminal (or no one answers), else the
        terminal itself (/dev/tty), opened once. Making no console, it imports no rich."""
        if not data_on_stdout and isatty(self.stdout):
            return self.stdout
        if isatty(self.stderr) or not self.interactive:
            return self.stderr
        if self._tty is None:
            try:
                self._tty = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the command)
            except OSError:
                return self.stderr
        return self._tty

    def styles_off(self) -> bool:
        """Whether the rich console on stdout would write no styles (`ui.plain_text`), so a
        view may write its plain form without rich."""
        return styles_off(self.stdout)

    def json(self, data: Any) -> None:
        self.stdout.write(json_escaped(_JSON.encode(data)) + "\n")

    def json_items(self, items: Iterable[Any]) -> int:
        """`json(list(items))`, the same text, written one element at a time so that a
        listing of every row never holds them all; how many there were."""
        written = 0
        for item in items:
            # Inside the array each element's lines sit two spaces deeper; a newline in the
            # encoded text is always layout (inside strings it is escaped).
            text = json_escaped(_JSON.encode(item).replace("\n", "\n  "))
            self.stdout.write(("[\n  " if not written else ",\n  ") + text)
            written += 1
        self.stdout.write("\n]\n" if written else "[]\n")
        return written

    def line(self, text: str = "") -> None:
        self.stdout.write(visible(text) + "\n")

    def page(self, text: str) -> None:
        """A whole view rendered as text (markdown, a report) on stdout, shown safely."""
        self.write(visible(text))

    def write(self, text: str) -> None:
        """A whole document on stdout, as written (no newline added), flushed at once so a
        reader that stops early (`| head`) is noticed while the command still runs."""
        self.stdout.write(text)
        self.stdout.flush()

    def say(self, text: str) -> None:
        """A plain message on stderr, after the data written before it (for `2>&1`)."""
        self.stdout.flush()
        self.stderr.write(visible(text) + "\n")

    def _console(self, stream: TextIO) -> Console:
        from rich.console import Console

        # Piped or redirected output is not wrapped at a terminal's width: 160 columns (or
        # $COLUMNS) keeps table rows on one line for grep while staying readable in a file.
        width = None if isatty(stream) else self.width
        console = Console(
            file=stream, width=width, no_color=self.no_color, highlight=False, soft_wrap=False
        )
        from salescoach.ui.visible_render import VisibleText

        console.push_render_hook(VisibleText())
        return console


def json_escaped(text: str) -> str:
    """JSON text with every unsafe character written as a \\u escape: the same values (such
    characters stand only inside strings), nothing a terminal acts on. json.dumps already
    escapes C0 controls; DEL, C1 and format characters it leaves raw."""
    # Newlines here are the layout's own: inside strings json.dumps has escaped them. The
    # check runs at the regular expression engine's speed (a 50-rep report: 150 KB of JSON).
    if first_unsafe(text, multiline=True) is None:
        return text
    return "".join(_json_escape(c) if is_unsafe(c, multiline=True) else c for c in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the first plane JSON escapes a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def styles_off(stream: Any, environ: Mapping[str, str] | None = None) -> bool:
    """Whether a rich console made for `stream` (as `Terminal` makes one, for
    output that is not a terminal) would write no escape codes and draw its boxes in UTF-8:
    rich's own test of a terminal (TTY_COMPATIBLE, then FORCE_COLOR, then isatty)."""
    env = os.environ if environ is None else environ
    if sys.platform == "win32" or isatty(stream):
        return False
    encoding = (getattr(stream, "encoding", "utf-8") or "utf-8").lower()
    if not encoding.startswith("utf"):
        return False
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "0"
    return env.get("FORCE_COLOR") in (None, "")


def isatty(stream: Any) -> bool:
    """Whether `stream` is a terminal; False for closed or replaced streams (tests, pipes)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _input_allowed() -> bool:
    return os.environ.get(NO_INPUT_VARIABLE, "") in ("", "0")


def _columns(default: int) -> int:
    try:
        return max(40, int(os.environ.get("COLUMNS", default)))
    except ValueError:
        return default
