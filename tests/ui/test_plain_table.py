"""Long listings drawn plain read exactly as the rich tables they replace, fit the width,
and show control characters as escapes."""

from __future__ import annotations

import io

import pytest

from salescoach.ui import plain_table
from salescoach.ui.console import Terminal
from salescoach.ui.leads import lead_view
from salescoach.ui.planning import tasks_view
from tests.support.leads import lead_record


def _text(monkeypatch: pytest.MonkeyPatch, long: int, width: int, draw: object) -> str:
    for module in (lead_view, tasks_view):
        monkeypatch.setattr(module, "LONG", long)
    out = io.StringIO()
    draw(Terminal(stdout=out, width=width, no_color=True, interactive=False))  # type: ignore[operator]
    return out.getvalue()


def test_a_long_lead_list_reads_as_the_rich_table(monkeypatch: pytest.MonkeyPatch) -> None:
    leads = [
        lead_record(id=n, name=f"Zoë Ünter {n}", company="日本 Corp" if n % 2 else None)
        for n in range(1, 30)
    ]

    def draw(term: Terminal) -> None:
        lead_view.render_lead_table(term, leads)

    assert _text(monkeypatch, 0, 160, draw) == _text(monkeypatch, 10**6, 160, draw)


def test_rows_fit_the_width_by_folding_and_keep_every_word() -> None:
    out = io.StringIO()
    term = Terminal(stdout=out, width=40, no_color=True, interactive=False)
    columns = (plain_table.Column("ID", right=True), plain_table.Column("Task", fold=True))
    plain_table.render(term, columns, [("7", "call back about the rollout plan and the pricing")])
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert " ".join(line[4:].strip() for line in lines[1:]) == (
        "call back about the rollout plan and the pricing"
    )


def test_control_characters_are_shown_as_escapes() -> None:
    out = io.StringIO()
    term = Terminal(stdout=out, width=80, no_color=True, interactive=False)
    plain_table.render(term, (plain_table.Column("Lead"),), [("Ada\x1b[2J",)])
    assert "\x1b" not in out.getvalue() and "Ada\\x1b[2J" in out.getvalue()
