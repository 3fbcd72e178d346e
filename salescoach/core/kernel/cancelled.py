"""A follow-up task a command cancelled, as the rep is told of it (stderr) and as --json
prints it. In the kernel because lead, log and walk outputs all carry it; which tasks are
cancelled and when is `core.planning.cancellation`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salescoach.core.kernel.shapes import CancelledTaskRecord


@dataclass(frozen=True)
class CancelledTask:
    id: int
    title: str
    due: date
    cadence: str | None
    reason: str  # the cause, kept on the task: lead replied, lead won, lead lost, ...


def cancelled_json(cancelled: Sequence[CancelledTask]) -> list[CancelledTaskRecord]:
    return [
        {
            "id": t.id,
            "title": t.title,
            "due": t.due.isoformat(),
            "cadence": t.cadence,
            "reason": t.reason,
        }
        for t in cancelled
    ]
