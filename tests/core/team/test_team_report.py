"""The team report's shares and total, from counts given by hand."""

from __future__ import annotations

from datetime import date

from salescoach.core.kernel.periods import Span
from salescoach.core.team.report import FIGURES, RepCounts, build_team_report
from salescoach.core.team.stale import stale_before

SPAN = Span("week", date(2026, 3, 9), date(2026, 3, 15))


def test_shares_come_from_the_counts_and_the_total_adds_them_up() -> None:
    ann = RepCounts("ann", True, {"won": 1, "lost": 3, "calls": 5}, {"approach": 2})
    ben = RepCounts("ben", False, {"won": 1, "sla_met": 2, "sla_late": 2}, {"closing": 1})
    data = build_team_report(SPAN, date(2026, 3, 11), [ann, ben])
    assert data["reps"][0]["figures"]["win_rate"] == 0.25
    assert data["reps"][0]["figures"]["sla_compliance"] is None
    assert data["reps"][1]["current"] is False
    total = data["total"]
    assert total["figures"]["win_rate"] == 0.4 and total["figures"]["calls"] == 5
    assert total["figures"]["sla_compliance"] == 0.5
    assert total["pipeline"] == {"approach": 2, "closing": 1}


def test_every_figure_is_labelled_with_its_unit_and_defined_once() -> None:
    keys = [f.key for f in FIGURES]
    assert len(keys) == len(set(keys))
    assert all("(" in f.label or "leads" in f.label for f in FIGURES)


def test_stale_counts_back_from_the_reports_last_day_or_today() -> None:
    assert stale_before(SPAN, date(2026, 3, 11)) == date(2026, 2, 26)
    assert stale_before(SPAN, date(2026, 4, 1)) == date(2026, 3, 2)
