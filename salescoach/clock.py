"""The one place that reads the clock. Everything else is handed `today` or `now`.

`SALESCOACH_TODAY` (an ISO date) fixes today for tests and scripts; a `--date` option, where a
command has one, wins over both.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime

from salescoach.errors import UsageError

TODAY_VARIABLE = "SALESCOACH_TODAY"


def today() -> date:
    fixed = os.environ.get(TODAY_VARIABLE)
    if fixed:
        try:
            return date.fromisoformat(fixed.strip())
        except ValueError:
            raise UsageError(
                f"{TODAY_VARIABLE}={fixed!r} is not an ISO date (YYYY-MM-DD)"
            ) from None
    return date.today()


def now() -> datetime:
    """Local, time-zone aware. Under SALESCOACH_TODAY the time of day stays real, the date fixed."""
    current = datetime.now()
    fixed = today() if os.environ.get(TODAY_VARIABLE) else current.date()
    # Naive first, then the zone: the fixed date gets its own UTC offset, not today's.
    return datetime.combine(fixed, current.time()).astimezone()


def wall_ms() -> int:
    """Milliseconds since the epoch: where the sync's clock stamps start from."""
    return time.time_ns() // 1_000_000
