"""Telling the rep which follow-up tasks a command cancelled, and how to undo it."""

from __future__ import annotations

from collections.abc import Sequence

from salescoach.core.kernel.cancelled import CancelledTask
from salescoach.ui.plural import plural


def cancelled_lines(cancelled: Sequence[CancelledTask], what: str = "follow-up") -> list[str]:
    """One line per cause, one per task under it, and the undo; nothing when none."""
    lines: list[str] = []
    for reason in dict.fromkeys(t.reason for t in cancelled):
        tasks = [t for t in cancelled if t.reason == reason]
        lines.append(f"cancelled {plural(len(tasks), what)} ({reason}):")
        lines += [f"  task {t.id}: {t.title}, due {t.due.isoformat()}" for t in tasks]
    if lines:
        lines.append("undo one with: salescoach tasks reopen ID")
    return lines
