"""`team report --by-playbook-version` figures, against values worked out by hand."""

from __future__ import annotations

from datetime import date

from salescoach.core.kernel.periods import Span
from salescoach.core.team.by_version import Walked, compare_versions

SPAN = Span("march", date(2026, 3, 1), date(2026, 3, 31))
TODAY = date(2026, 3, 31)


def test_leads_count_for_their_first_walks_version_with_win_rate_and_days_per_step() -> None:
    walks = [
        Walked("a", "team", "1", "2026-03-02T09:00:00"),
        Walked("a", "team", "2", "2026-03-09T09:00:00"),  # a's second walk: still version 1
        Walked("b", "team", "1", "2026-03-03T09:00:00"),
        Walked("c", "team", "2", "2026-03-04T09:00:00"),
        Walked("d", "team", "2", "2026-03-05T09:00:00"),
        Walked("e", "b2b-saas", None, "2026-03-06T09:00:00"),
    ]
    results = {"a": "won", "b": "lost", "c": "won", "d": "no_decision"}
    arrivals = {
        # a: prospecting -> approach in 2 days (preparation skipped), approach -> closing in 3
        "a": {"prospecting": "2026-03-02T09:00:00", "approach": "2026-03-04T09:00:00",
              "closing": "2026-03-07T09:00:00"},
        # b: prospecting -> approach in 4 days
        "b": {"prospecting": "2026-03-03T09:00:00", "approach": "2026-03-07T09:00:00"},
        # c: prospecting -> approach in 1.5 days; d never moved on
        "c": {"prospecting": "2026-03-04T00:00:00", "approach": "2026-03-05T12:00:00"},
        "d": {"prospecting": "2026-03-05T09:00:00"},
    }  # fmt: skip
    data = compare_versions(SPAN, TODAY, walks, results, arrivals)
    rows = {(r["playbook"], r["version"]): r for r in data["versions"]}
    assert list(rows) == [("b2b-saas", None), ("team", "1"), ("team", "2")]
    one, two, unknown = rows[("team", "1")], rows[("team", "2")], rows[("b2b-saas", None)]
    assert (one["leads"], one["won"], one["lost"], one["no_decision"]) == (2, 1, 1, 0)
    assert one["win_rate"] == 0.5
    assert one["days_per_step"]["prospecting"] == 3.0  # (2 + 4) / 2
    assert one["days_per_step"]["approach"] == 3.0 and one["moved_on"]["approach"] == 1
    assert one["days_per_step"]["preparation"] is None
    assert (two["leads"], two["won"], two["no_decision"]) == (2, 1, 1)
    assert two["win_rate"] == 0.5
    assert two["days_per_step"]["prospecting"] == 1.5 and two["moved_on"]["prospecting"] == 1
    assert unknown["win_rate"] is None and unknown["leads"] == 1
    assert [f["key"] for f in data["figures"]][-1] == "days_per_step"


def test_days_per_step_follow_the_funnels_definition_when_steps_come_out_of_order() -> None:
    # a reached approach before preparation: it moved on from prospecting to approach (1 day),
    # then from approach to preparation (2 days), as `report`'s funnel counts it; a step the
    # playbook does not have is ignored.
    walks = [Walked("a", "team", "1", "2026-03-02T09:00:00")]
    arrivals = {
        "a": {"prospecting": "2026-03-02T09:00:00", "approach": "2026-03-03T09:00:00",
              "mystery": "2026-03-04T09:00:00", "preparation": "2026-03-05T09:00:00"},
    }  # fmt: skip
    row = compare_versions(SPAN, TODAY, walks, {}, arrivals)["versions"][0]
    assert row["days_per_step"]["prospecting"] == 1.0
    assert row["days_per_step"]["approach"] == 2.0
    assert row["days_per_step"]["preparation"] is None
    moved = {step: n for step, n in row["moved_on"].items() if n}
    assert moved == {"prospecting": 1, "approach": 1}
