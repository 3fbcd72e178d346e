"""Which exit criteria each step met, read back from a lead's `criteria` interactions.

The walk writes one `criteria` interaction when a step ends: `result` is met or skipped and
`detail` is {"criteria": [{"text", "met", "how", "applies"}], "skipped": [texts]} (`applies`
missing in older rows: it applied). A step walked twice
counts as it ended the last time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from salescoach.core.kernel.records import Interaction


@dataclass(frozen=True)
class StepCriteria:
    step: str
    met: tuple[str, ...]
    missed: tuple[str, ...]
    skipped: bool  # the rep moved on without meeting them all
    not_applicable: tuple[str, ...] = ()  # neither met nor missed: their `applies` did not hold


def criteria_by_step(timeline: Iterable[Interaction]) -> list[StepCriteria]:
    """The latest criteria record of each step, in the order the steps were first ended."""
    latest: dict[str, StepCriteria] = {}
    for item in sorted(timeline, key=lambda i: (i.at, i.id)):
        if item.kind != "criteria" or not item.step or not item.detail:
            continue
        criteria = item.detail.get("criteria", [])
        applies = [c for c in criteria if c.get("applies", True)]
        latest[item.step] = StepCriteria(
            step=item.step,
            met=tuple(str(c.get("text")) for c in applies if c.get("met")),
            missed=tuple(str(c.get("text")) for c in applies if not c.get("met")),
            skipped=item.result == "skipped",
            not_applicable=tuple(
                str(c.get("text")) for c in criteria if not c.get("applies", True)
            ),
        )
    return list(latest.values())
