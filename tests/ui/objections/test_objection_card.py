"""The compact objection card fits an 80x24 terminal for every shipped objection family,
with the concern and the first questions on screen; `--full` still shows everything."""

from __future__ import annotations

import io
import json

import pytest

from salescoach.ui.console import Terminal
from tests.support.cli import run
from tests.support.objections import PLAYBOOK_FILE

SHIPPED = ("b2b-saas", "field-sales", "services")
FIXTURE = str(PLAYBOOK_FILE)
ROWS = 22  # 24 rows less the command line and the prompt after it


def _card(*args: str, width: int = 80) -> list[str]:
    screen = io.StringIO()
    term = Terminal(stdout=screen, stderr=io.StringIO(), width=width, no_color=True)
    result = run("objection", *args, terminal=term)
    assert result.exit_code == 0, result.stderr
    return screen.getvalue().splitlines()


def _families(playbook: str) -> list[str]:
    return [
        m["id"]
        for m in json.loads(run("objection", "x", "-p", playbook, "--json", "--top", "99").stdout)[
            "matches"
        ]
    ]


@pytest.mark.parametrize("playbook", SHIPPED)
def test_every_family_fits_80x24_even_with_a_competitor_named(playbook: str) -> None:
    for family in _families(playbook):
        lines = _card("we already use Tallybird and Excel", "-p", playbook, "--as", family)
        assert len(lines) <= ROWS, (playbook, family, len(lines))
        assert all(len(line) <= 80 for line in lines)
        assert lines[1].startswith("│ Concern: ")
        assert "Ask first" in lines[3]


def test_the_card_has_two_questions_one_line_a_stage_and_how_we_win() -> None:
    lines = _card("we already use Acme CRM", "-p", FIXTURE, "--as", "price")
    text = "\n".join(lines)
    assert text.count(" ? ") == 2
    assert "LAER" in text and "feel-felt-found" in text
    assert sum(" listen " in line for line in lines) == 1
    assert "How we win vs Acme CRM (the market leader): Show our support times" in text
    assert "Avoid" not in text and "Battlecard:" not in text
    assert "--full" in text


def test_full_shows_every_question_and_the_lines_to_avoid() -> None:
    text = "\n".join(_card("too expensive", "-p", FIXTURE, "--full"))
    assert "Avoid" in text and "Discounting straight away" in text
    assert "--full:" not in text
