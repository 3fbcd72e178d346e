"""A follow-up task a command cancelled, as the rep is told of it (stderr) and as --json
prints it. In the kernel because lead, log and walk outputs all carry it; which tasks are
cancelled and when is `core.planning.cancellation`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from salescoach.core.kernel.slotted import HashedSlotted

if TYPE_CHECKING:
    from salescoach.core.kernel.shapes import CancelledTaskRecord


class CancelledTask(HashedSlotted):
    __slots__ = ("id", "title", "due", "cadence", "reason")  # noqa: RUF023

    def __init__(
        self,
        id: int,
        title: str,
        due: date,
        cadence: str | None,
        reason: str,
    ) -> None:
        self.id = id
        self.title = title
        self.due = due
        self.cadence = cadence
        self.reason = reason  # the cause, kept on the task: lead replied, lead won, lead lost, ...


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
