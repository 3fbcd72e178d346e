"""Reading a due date with a time of day, and refusing a time today that has passed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from salescoach.core.kernel.when import parse_due
from salescoach.core.planning.tasks import require_time_ahead
from salescoach.errors import UsageError
from tests.support.today import TODAY


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("friday 14:30", (date(2026, 3, 13), time(14, 30))),
        ("2026-03-20 09:05", (date(2026, 3, 20), time(9, 5))),
        ("2026-03-20T17:00", (date(2026, 3, 20), time(17, 0))),
        ("tomorrow", (date(2026, 3, 12), None)),
        ("18:45", (TODAY, time(18, 45))),
    ],
)
def test_due_reads_a_day_and_a_time(text: str, due: tuple[date, time | None]) -> None:
    assert parse_due(text, TODAY) == due


def test_a_time_today_must_still_be_ahead() -> None:
    now = datetime(2026, 3, 11, 9, 30).astimezone()
    require_time_ahead(TODAY, time(9, 30), now)
    require_time_ahead(TODAY + timedelta(days=1), time(7, 0), now)
    with pytest.raises(UsageError, match="08:00 today has passed"):
        require_time_ahead(TODAY, time(8, 0), now)
    with pytest.raises(UsageError, match="cannot read 'friday 25:00'"):
        parse_due("friday 25:00", TODAY)
