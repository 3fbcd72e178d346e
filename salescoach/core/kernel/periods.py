"""Calendar periods around a day: the day, its week (Monday to Sunday), month and quarter, and
the `--period` a report is asked for (`week`, `month`, `quarter`, `day` or `DATE..DATE`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from salescoach.core.kernel.dates import parse_date
from salescoach.errors import UsageError

PERIODS = ("day", "week", "month", "quarter")
MAX_DAYS = 366 * 10


@dataclass(frozen=True)
class Span:
    """Whole days from `start` to `end`, both included."""

    label: str
    start: date
    end: date

    @property
    def end_exclusive(self) -> date:
        return self.end + timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def elapsed_days(self, today: date) -> int:
        """Days of the span up to and including `today` (0 before it starts)."""
        if today < self.start:
            return 0
        return (min(today, self.end) - self.start).days + 1

    def bounds(self) -> tuple[str, str]:
        """ISO text bounds for SQL: start <= stamp < end_exclusive (stamps are local ISO)."""
        return self.start.isoformat(), self.end_exclusive.isoformat()

    def to_dict(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat()}


def period_span(period: str, today: date) -> Span:
    """The calendar period of kind `period` that contains `today`."""
    if period == "day":
        return Span("day", today, today)
    if period == "week":
        start = today - timedelta(days=today.weekday())
        return Span("week", start, start + timedelta(days=6))
    if period == "month":
        start = today.replace(day=1)
        return Span("month", start, _next_month(start) - timedelta(days=1))
    if period == "quarter":
        start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        end = _next_month(_next_month(_next_month(start))) - timedelta(days=1)
        return Span("quarter", start, end)
    raise UsageError(f"unknown period {period!r}", hint="periods: " + ", ".join(PERIODS))


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def parse_span(text: str, today: date) -> Span:
    """A report period: a period name (the one containing today) or `FROM..TO`.

    Each side of `FROM..TO` is read by the one date parser (so `2026-01-01..today` works);
    a missing side means today (`2026-01-01..`).
    """
    word = text.strip().lower()
    if word in PERIODS:
        return period_span(word, today)
    if ".." not in word:
        raise UsageError(
            f"cannot read {text!r} as a period",
            hint="use week, month, quarter, day, or FROM..TO such as 2026-01-01..2026-03-31",
        )
    left, _, right = word.partition("..")
    start = parse_date(left, today) if left.strip() else today
    end = parse_date(right, today) if right.strip() else today
    if end < start:
        raise UsageError(
            f"the period ends ({end.isoformat()}) before it starts ({start.isoformat()})"
        )
    if (end - start).days > MAX_DAYS:
        raise UsageError("a report period can cover at most ten years")
    return Span(f"{start.isoformat()}..{end.isoformat()}", start, end)
