"""A goal behind pace says where it is and where a steady pace would be by today."""

from __future__ import annotations

from rich.console import Console

from salescoach.core.kernel.periods import period_span
from salescoach.core.reporting.goals import GoalProgress
from salescoach.ui.reporting.report_view import behind_pace, goals_table
from tests.support.today import TODAY

WEDNESDAY = TODAY  # the suite's today is a Wednesday


def _calls(actual: float) -> GoalProgress:
    return GoalProgress("calls", "week", 10, actual, period_span("week", WEDNESDAY), WEDNESDAY)


def test_behind_pace_names_actual_target_and_expected() -> None:
    assert behind_pace(_calls(3)) == "behind pace: 3 of 10 (expected 4.3 by today)"


def test_goals_table_explains_pace() -> None:
    console = Console(record=True, width=160, color_system=None)
    console.print(goals_table([_calls(3), _calls(5), _calls(10)]))
    text = console.export_text()
    assert "behind pace: 3 of 10 (expected 4.3 by today)" in text
    assert "on pace" in text and "met" in text
    assert "behind (" not in text
