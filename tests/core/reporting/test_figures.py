"""The shared figures' one definition of days per step, against values worked out by hand."""

from __future__ import annotations

from datetime import datetime

from salescoach.core.reporting.figures import days_per_step


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour)


def test_a_lead_moves_on_to_the_step_it_reached_next_by_time_then_playbook_order() -> None:
    leads = [
        # prospecting -> approach 2 days; approach -> preparation (reached later) 1 day
        {"prospecting": _at(1), "approach": _at(3), "preparation": _at(4)},
        # prospecting -> preparation 4 days; preparation and approach at once: 0 days
        {"prospecting": _at(1), "preparation": _at(5), "approach": _at(5), "unknown": _at(2)},
        {"closing": _at(9)},  # never moved on
    ]
    assert days_per_step(leads) == {
        "prospecting": (3.0, 2),  # (2 + 4) / 2
        "approach": (1.0, 1),
        "preparation": (0.0, 1),
    }
    assert days_per_step([]) == {}
