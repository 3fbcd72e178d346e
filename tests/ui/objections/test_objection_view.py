"""The terminal view of an answer: the compact card by default; with --full the prompts,
with the battlecard beside them when wide."""

from __future__ import annotations

import io

from salescoach.core.objections.cache import compile_playbook
from salescoach.ui.console import Terminal
from salescoach.ui.objections.objection_view import render_answers
from tests.support.objections import fixture_matcher, fixture_playbook


def _render(text: str, width: int, *, full: bool = True) -> str:
    compiled = compile_playbook("objections", fixture_playbook())
    report = compiled.report(fixture_matcher().rank(text), 3)
    buffer = io.StringIO()
    term = Terminal(stdout=buffer, width=width, no_color=True)
    render_answers(term, compiled.title, [report], list(compiled.objections), full=full)
    return buffer.getvalue()


def test_a_wide_terminal_puts_the_battlecard_beside_the_prompts() -> None:
    lines = _render("we already use Acme CRM", 140).splitlines()
    assert any("Already using a competitor" in ln and "Battlecard: Acme" in ln for ln in lines)


def test_a_narrow_terminal_stacks_them() -> None:
    out = _render("we already use Acme CRM", 80)
    assert out.index("Battlecard: Acme") > out.index("Prove the one difference")


def test_wrapped_stage_lines_stay_under_their_own_text() -> None:
    lines = _render("too expensive", 50).splitlines()
    first = next(i for i, line in enumerate(lines) if "acknowledge" in line)
    column = lines[first].index("Budgets")
    follow = lines[first + 1]
    assert follow[column - 1] == " " and follow[column] != " "  # continues under "Budgets"
