"""The Terminal: settings read once from the environment unless given, and the screen a
person watches chosen from which streams are terminals."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.ui.console import Terminal, json_escaped


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_settings_not_given_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    monkeypatch.setenv("NO_COLOR", "1")
    term = Terminal(stdout=io.StringIO(), stdin=_Tty())
    assert (term.width, term.no_color, term.interactive) == (90, True, False)
    given = Terminal(stdout=_Tty(), stdin=_Tty(), width=120, no_color=False)
    assert (given.width, given.no_color, given.interactive) == (120, False, True)
    monkeypatch.setenv("SALESCOACH_NO_INPUT", "1")
    assert Terminal(stdout=_Tty(), stdin=_Tty()).interactive is False
    assert (
        Terminal(stdout=_Tty(), stdin=_Tty(), interactive=True).without_input().interactive is False
    )


def test_piped_output_is_drawn_at_the_terminals_width() -> None:
    buffer = io.StringIO()
    Terminal(stdout=buffer, width=50, no_color=True).out.print("word " * 30)
    assert max(len(line) for line in buffer.getvalue().splitlines()) <= 50


def test_the_screen_is_stdout_unless_it_carries_data_then_stderr() -> None:
    out, err = _Tty(), _Tty()
    term = Terminal(stdout=out, stderr=err, interactive=True)
    assert term.screen(data_on_stdout=False)[1] is out
    assert term.screen(data_on_stdout=True)[1] is err
    piped = Terminal(stdout=io.StringIO(), stderr=io.StringIO(), interactive=False)
    assert piped.screen(data_on_stdout=False)[1] is piped.stderr


def test_a_message_comes_after_the_data_printed_before_it() -> None:
    flushed: list[str] = []

    class Stdout(io.StringIO):
        def flush(self) -> None:
            flushed.append(self.getvalue())

    messages = io.StringIO()
    term = Terminal(stdout=Stdout(), stderr=messages)
    term.line("row")
    term.say("done")
    assert flushed == ["row\n"] and messages.getvalue() == "done\n"


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from("\n\x1b\u2028\u202e")),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(st.lists(_JSON_VALUES, max_size=5))
def test_json_items_writes_the_text_json_writes_for_the_whole_list(items: list[object]) -> None:
    """Listings stream their arrays element by element: the same bytes as the whole list."""
    whole, streamed = io.StringIO(), io.StringIO()
    Terminal(stdout=whole).json(items)
    assert Terminal(stdout=streamed).json_items(iter(items)) == len(items)
    assert streamed.getvalue() == whole.getvalue()
    assert (
        whole.getvalue()
        == json_escaped(
            json.dumps(items, indent=2, ensure_ascii=False, default=str, allow_nan=False)
        )
        + "\n"
    )
