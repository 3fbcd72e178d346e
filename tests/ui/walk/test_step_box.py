"""The walk's step panels, drawn without rich: one box, every line as wide as the terminal."""

from __future__ import annotations

import io

from salescoach.core.walk.protocol import StepView
from salescoach.ui.walk.step_box import Painter, cells, header, indented, painter_for, step_box
from tests.support.walk import walkthrough


def _view(number: int = 1, **changes: object) -> StepView:
    playbook = walkthrough()
    step = playbook.steps[number - 1]
    values: dict[str, object] = {
        "step": step,
        "number": number,
        "likely": [o for o in playbook.objections[:2]],
        "contact": True,
        "resumed": False,
        "given": [],
    }
    return StepView(**(values | changes))  # type: ignore[arg-type]


def test_every_line_of_the_box_is_as_wide_as_the_terminal() -> None:
    for width in (40, 57, 80, 120):
        lines = step_box(Painter(False), _view(), width).splitlines()
        assert lines[0].startswith("╭─ 1/7  ") and lines[-1].endswith(" ○ ○ ○ ○ ○ ○ ─╯")
        assert {cells(line) for line in lines} == {width}


def test_wide_characters_and_long_words_keep_the_border_straight() -> None:
    question = walkthrough().steps[0].questions[0]
    given = [(question, "日本語のテキスト " * 6 + "x" * 90)]
    lines = step_box(Painter(False), _view(resumed=True, given=given), 50).splitlines()
    assert {cells(line) for line in lines} == {50}
    assert any("Already answered here" in line for line in lines)


def test_stored_text_is_shown_safely_and_colour_only_on_a_terminal() -> None:
    assert "\x1b" not in header(Painter(False), "Ada\x1b[2J", "book", practice=False, resumed=True)
    assert "\x1b[1m" in header(Painter(True), "Ada", "book", practice=True, resumed=False)
    assert painter_for(io.StringIO(), no_color=False).colour is False
    assert indented(Painter(False), "a b c", 40) == "  a b c\n"


def test_the_keys_line_names_ctrl_o_only_where_the_buyer_is_on_the_line() -> None:
    assert "Ctrl-O" in step_box(Painter(False), _view(contact=True), 80)
    box = step_box(Painter(False), _view(contact=False), 80, saving=False)
    assert "Ctrl-O" not in box and "Ctrl-C: stop\n" not in box and "Ctrl-C: stop " in box
