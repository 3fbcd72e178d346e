"""Which objections come up, at which step, and how often each was resolved."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from salescoach.core.kernel.records import OBJECTION_RESULTS
from salescoach.core.kernel.steps import STEP_IDS

if TYPE_CHECKING:
    from salescoach.core.objections.shapes import ObjectionStatsJSON

UNNAMED = ""  # logged without a family: null in JSON, "(no family)" on screen
UNKNOWN_STEP = "unknown"


@dataclass
class ObjectionTally:
    objection: str
    total: int = 0
    by_step: dict[str, int] = field(default_factory=dict)
    by_result: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OBJECTION_RESULTS, 0))
    unrecorded: int = 0  # logged without saying how it went

    @property
    def resolution_rate(self) -> float | None:
        """Resolved among those whose result was recorded; None when none was."""
        recorded = sum(self.by_result.values())
        return self.by_result["resolved"] / recorded if recorded else None


def tally(rows: Iterable[tuple[str | None, str | None, str | None, int]]) -> list[ObjectionTally]:
    """Counts per objection, most frequent first; steps in the order of a sale."""
    tallies: dict[str, ObjectionTally] = {}
    for objection, step, result, count in rows:
        item = tallies.setdefault(objection or UNNAMED, ObjectionTally(objection or UNNAMED))
        item.total += count
        where = step or UNKNOWN_STEP
        item.by_step[where] = item.by_step.get(where, 0) + count
        if result in item.by_result:
            item.by_result[result] += count
        else:
            item.unrecorded += count
    rank = {s: n for n, s in enumerate(STEP_IDS)}
    for item in tallies.values():
        item.by_step = dict(sorted(item.by_step.items(), key=lambda kv: rank.get(kv[0], 99)))
    return sorted(tallies.values(), key=lambda t: (-t.total, t.objection))


def as_data(tallies: list[ObjectionTally], since: str | None) -> ObjectionStatsJSON:
    total = sum(t.total for t in tallies)
    return {
        "schema": "objection-stats",
        "version": 1,
        "since": since,
        "total": total,
        "objections": [
            {
                "id": t.objection or None,
                "count": t.total,
                "share": round(t.total / total, 3) if total else 0.0,
                "by_step": t.by_step,
                "resolved": t.by_result["resolved"],
                "partly": t.by_result["partly"],
                "not_resolved": t.by_result["not_resolved"],
                "unrecorded": t.unrecorded,
                "resolution_rate": None
                if t.resolution_rate is None
                else round(t.resolution_rate, 3),
            }
            for t in tallies
        ],
    }
