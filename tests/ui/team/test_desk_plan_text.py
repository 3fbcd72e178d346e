"""`team plan` written without rich reads exactly as the rich view prints it on output that
takes no styles; whatever rich would print otherwise (wide or combining characters, markup,
an emoji code, a line or table too wide, a terminal, FORCE_COLOR) is left to rich."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from rich.cells import cell_len

from salescoach.core.kernel.safe_text import visible
from salescoach.core.team.plan import PlanTotals
from salescoach.ui import console, plain_text
from salescoach.ui.console import Terminal
from salescoach.ui.team.desk_plan_text import plain_team_plan
from salescoach.ui.team.desk_plan_view import render_team_plan

_NAMES = ["Ann", "Zoë Ünter", "O'Neil & Sons", "Łukasz", "a" * 40, "", "x-y_z", "Brontë – Ltd"]


def _lead(rng: random.Random, owner: str) -> dict[str, Any]:
    return {
        "gid": f"{rng.getrandbits(64):016x}",
        "name": rng.choice([*_NAMES, None]),
        "company": rng.choice([*_NAMES, None]),
        "owner": owner,
        "day": rng.choice(["2026-03-01", "2026-02-11", None]),
    }


def _plan(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    reps = [f"rep{n}" + "x" * rng.randrange(0, 30) for n in range(rng.randrange(0, 8))]
    leads = [_lead(rng, rng.choice([*reps, "boss"])) for _ in range(rng.randrange(0, 30))]
    return {
        "schema": "team-plan",
        "version": 1,
        "today": "2026-03-11",
        "reps": [
            {
                "rep": rep,
                "sla_breached": rng.randrange(0, 30000),
                "sla_due_soon": 0,
                "stale": rng.randrange(0, 99),
            }
            for rep in reps
        ],
        "sla_breached": leads[:12],
        "sla_due_soon": leads[12:14],
        "unassigned": leads[14:20],
        "stale": leads[20:],
        "behind_pace": [
            {
                "rep": rep,
                "metric": "calls",
                "period": "week",
                "target": 10.0,
                "actual": 1.0,
                "expected_by_today": 4.29,
            }
            for rep in reps[:2]
        ],
        "drills": [
            {
                "gid": "d1",
                "rep": rep,
                "drill": "objections",
                "target": "price",
                "due": rng.choice(["2026-03-01", None]),
                "overdue": rng.random() < 0.5,
                "assigned_at": "2026-03-01",
            }
            for rep in reps[:3]
        ],
    }


def _rich(data: Any, totals: PlanTotals | None, everything: bool, width: int) -> str:
    out = io.StringIO()
    term = Terminal(stdout=out, width=width, no_color=True, interactive=False)
    render_team_plan(term.out, data, totals, everything=everything)
    return out.getvalue()


@pytest.mark.parametrize("seed", range(40))
def test_the_plain_plan_reads_as_the_rich_view(seed: int) -> None:
    data = _plan(seed)
    totals = PlanTotals(25_000, 2, len(data["unassigned"])) if seed % 2 else None
    for width in (160, 90, 60):
        plain = plain_team_plan(data, totals, everything=seed % 3 == 0, width=width)  # type: ignore[arg-type]
        assert plain is not None or width < 160  # every name here is plain text
        if plain is not None:
            assert plain == _rich(data, totals, seed % 3 == 0, width)


def test_the_usual_plan_is_written_plain() -> None:
    data = _plan(3)
    assert plain_team_plan(data, None, everything=False, width=160) is not None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    ["日本 Corp", "e\u0301cole", "[bold]x[/bold]", "we :smile: back", "x" * 200, "a\x1bb"],
)
def test_what_rich_would_change_is_left_to_it(name: str) -> None:
    data = _plan(3)
    data["sla_breached"][0]["name"] = name
    assert plain_team_plan(data, None, everything=True, width=160) is None  # type: ignore[arg-type]
    data = _plan(3)
    data["reps"][0]["rep"] = name
    assert plain_team_plan(data, None, everything=True, width=160) is None  # type: ignore[arg-type]


def test_a_line_that_ends_in_a_space_is_left_to_rich() -> None:
    assert plain_text.unchanged("  Bob", 10) and not plain_text.unchanged("  Bob ", 10)


def test_a_table_wider_than_the_output_is_left_to_rich() -> None:
    data = _plan(3)
    assert plain_text.table_text("t", ["a" * 30, "b"], [False, True], [], 30) is None
    assert plain_team_plan(data, None, everything=False, width=40) is None  # type: ignore[arg-type]


def test_a_character_taken_as_one_cell_is_one_cell_and_shown_as_it_is() -> None:
    for code in range(0x20, 0x300):
        char = chr(code)
        if plain_text.unchanged(f"a{char}b", 10):
            assert cell_len(char) == 1 and visible(char) == char, hex(code)
    for char in "–—‘’“”…•€":
        assert plain_text.unchanged(char, 1) and cell_len(char) == 1


@pytest.mark.parametrize(
    ("environ", "plain"),
    [
        ({}, True),
        ({"FORCE_COLOR": "1"}, False),
        ({"FORCE_COLOR": ""}, True),
        ({"TTY_COMPATIBLE": "1"}, False),
        ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, True),
    ],
)
def test_styles_are_off_where_rich_writes_none(environ: dict[str, str], plain: bool) -> None:
    from rich.console import Console

    stream = io.StringIO()
    assert console.styles_off(stream, environ) is plain
    assert Console(file=stream, _environ=environ).is_terminal is not plain


def test_a_terminal_or_another_encoding_takes_rich() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not console.styles_off(Tty(), {})
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    assert not console.styles_off(latin, {})
