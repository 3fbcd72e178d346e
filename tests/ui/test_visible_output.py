"""The Terminal is where stored text becomes terminal text: on a colour terminal rich's own
styles still reach it, while every control character of the text, and any hyperlink, do not."""

from __future__ import annotations

import io
import json

from rich.table import Table

from salescoach.ui.console import Terminal

HOSTILE = "Ada\x1b[2J\x1b]8;;http://evil.example\x07x\x9b31m\u202e\x7f"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _colour() -> tuple[Terminal, _Tty, _Tty]:
    out, err = _Tty(), _Tty()
    return Terminal(stdout=out, stderr=err, width=100, no_color=False), out, err


def test_rich_keeps_its_styles_and_shows_the_texts_controls_as_escapes() -> None:
    term, out, _ = _colour()
    table = Table()
    table.add_column("name")
    table.add_row(HOSTILE)
    term.out.print(table)
    term.out.print(f"[bold]{HOSTILE}[/bold]", markup=True)
    shown = out.getvalue()
    assert "\x1b[1m" in shown  # bold: rich's own sequence
    assert "\x1b[2J" not in shown and "\x1b]8" not in shown and "\x9b" not in shown
    assert "\u202e" not in shown and "\x7f" not in shown
    assert shown.count("Ada\\x1b[2J") == 2


def test_a_link_smuggled_in_as_markup_is_dropped() -> None:
    term, out, _ = _colour()
    term.out.print("[link=http://evil.example]click[/link]")
    assert "click" in out.getvalue() and "evil.example" not in out.getvalue()


def test_plain_lines_messages_and_pages_are_escaped() -> None:
    term, out, err = _colour()
    term.line(HOSTILE)
    term.page(HOSTILE + "\n")
    term.say(HOSTILE)
    for text in (out.getvalue(), err.getvalue()):
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
        assert "Ada\\x1b[2J" in text


def test_json_writes_the_same_values_with_every_unsafe_character_escaped() -> None:
    term, out, _ = _colour()
    term.json({"name": HOSTILE, "flag": "\U000e0041"})
    text = out.getvalue()
    assert all(c not in text for c in "\x1b\x9b\u202e\x7f\U000e0041")
    assert json.loads(text) == {"name": HOSTILE, "flag": "\U000e0041"}


def test_a_document_written_as_data_is_written_exactly() -> None:
    term, out, _ = _colour()
    term.write("a,b\x1b\n")
    assert out.getvalue() == "a,b\x1b\n"
