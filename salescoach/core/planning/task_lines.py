"""What the plain listing of every open task reads (`tasks --limit 0`): each task's line as
the store streams it, and the widest cell of each column, measured by the store beforehand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


class OpenTaskLine(NamedTuple):
    id: int
    due: date
    due_time: str | None  # HH:MM
    lead_name: str
    lead_company: str | None
    title: str
    channel: str | None
    urgency: float


@dataclass(frozen=True)
class OpenTaskWidths:
    """In terminal cells of the text as shown; `count`: how many lines there are."""

    count: int
    id: int
    lead: int
    title: int
    channel: int
    # The earliest and latest due date, of the tasks with a time of day (True) and of those
    # without: the longest due phrase is one of theirs (it grows with the days from today).
    due_spans: dict[bool, tuple[date, date]]
