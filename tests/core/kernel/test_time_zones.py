"""Local time everywhere: typed offsets are converted, and each date gets its own UTC offset."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from salescoach import clock
from salescoach.core.kernel.when import parse_moment
from tests.support.cli import run
from tests.support.leads import add, rows, use_test_playbooks


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-01-15")  # winter there: UTC-5
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_summer_date_gets_the_summer_offset_in_winter(new_york: None) -> None:
    winter = clock.now()
    assert winter.utcoffset() == timedelta(hours=-5)
    summer = parse_moment("2026-07-01 10:00", winter)
    assert (summer.hour, summer.utcoffset()) == (10, timedelta(hours=-4))
    assert parse_moment("2026-07-01", winter).utcoffset() == timedelta(hours=-4)
    assert parse_moment("2026-07-01T10:00", winter).utcoffset() == timedelta(hours=-4)


def test_a_fixed_summer_today_gives_now_the_summer_offset(
    new_york: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-07-01")
    now = clock.now()
    assert now.date().isoformat() == "2026-07-01"
    assert now.utcoffset() == timedelta(hours=-4)


def test_a_typed_foreign_offset_is_stored_as_local_time(
    new_york: None, monkeypatch: pytest.MonkeyPatch, salescoach_home: Path
) -> None:
    use_test_playbooks(monkeypatch)
    add("Ada", "--company", "ACME")
    result = run("log", "ACME", "--note", "called", "--at", "2026-01-14T10:00+05:00")
    assert result.exit_code == 0, result.stderr
    [logged] = rows(salescoach_home, "SELECT at FROM interactions")
    assert logged["at"] == "2026-01-14T00:00:00-05:00"
    assert datetime.fromisoformat(logged["at"]) == datetime.fromisoformat("2026-01-14T10:00+05:00")


def test_a_time_skipped_when_the_clocks_go_forward_is_refused(new_york: None) -> None:
    from salescoach.errors import UsageError

    winter = clock.now()
    with pytest.raises(UsageError, match="clocks went forward"):
        parse_moment("2026-03-08 02:30", winter)  # 02:00 -> 03:00 in New York that night
    assert parse_moment("2026-03-08 03:30", winter).utcoffset() == timedelta(hours=-4)
