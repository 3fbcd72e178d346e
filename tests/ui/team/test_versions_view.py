"""`team report --by-playbook-version` in an 80-column terminal: every figure whole, none cut
to "2.…" (one table of results per version, one of days per step with a column per version)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.ui.team.versions_view import render_versions

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamVersionJSON, TeamVersionsJSON


def _version(playbook: str, version: str, days: float, moved: int) -> TeamVersionJSON:
    return {
        "playbook": playbook, "version": version, "leads": 3, "won": 2, "lost": 1,
        "no_decision": 0, "win_rate": 0.6667,
        "days_per_step": {s: (None if s == "follow_up" else days) for s in STEP_IDS},
        "moved_on": {s: (0 if s == "follow_up" else moved) for s in STEP_IDS},
    }  # fmt: skip


def _data() -> TeamVersionsJSON:
    return {
        "schema": "team-playbook-versions", "version": 1,
        "period": {"label": "week", "start": "2026-11-23", "end": "2026-11-29"},
        "today": "2026-11-27", "figures": [],
        "versions": [
            _version("b2b-saas", "sha256:0c0bffc52029", 2.01, 1),
            _version("team-saas", "1", 0.34, 3),
            _version("team-saas", "2", 12.35, 3),
        ],
    }  # fmt: skip


def _text(width: int) -> str:
    console = Console(record=True, width=width, color_system=None)
    render_versions(console, _data())
    return console.export_text()


def test_every_figure_is_whole_in_80_columns() -> None:
    text = _text(80)
    assert "…" not in text, text
    assert max(len(line) for line in text.splitlines()) <= 80
    for figure in ("sha256:0c0bffc52029", "team-saas", "67%", "2.01 (1)", "0.34 (3)", "12.35 (3)"):
        assert figure in text, (figure, text)


def test_each_step_has_a_row_of_days() -> None:
    text = _text(120)
    assert "Prospecting" in text and "Handling objections" in text and "Closing" in text
