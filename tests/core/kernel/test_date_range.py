"""Every date salescoach keeps lies in the years 1900-2999: parsed, relative or ISO."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from salescoach.core.kernel.dates import check_range, parse_date
from salescoach.core.kernel.when import parse_moment
from salescoach.errors import UsageError
from tests.support.today import TODAY


@pytest.mark.parametrize("text", ["1900-01-01", "2999-12-31"])
def test_the_ends_of_the_range_are_kept(text: str) -> None:
    assert parse_date(text, TODAY) == date.fromisoformat(text)


@pytest.mark.parametrize("text", ["1899-12-31", "3000-01-01", "9999-12-31", "0001-01-01"])
def test_a_date_outside_the_range_names_it(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text, TODAY)
    assert "outside the dates salescoach keeps" in str(caught.value)
    assert "1900-2999" in (caught.value.hint or "")


@pytest.mark.parametrize("text", ["+999999999d", "in 99999999 weeks", "-9999999999d"])
def test_an_offset_past_what_a_date_holds_is_refused_not_raised(text: str) -> None:
    with pytest.raises(UsageError):
        parse_date(text, TODAY)


def test_a_moment_is_held_to_the_range() -> None:
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with pytest.raises(UsageError):
        parse_moment("1066-10-14T09:00", now)


def test_check_range_names_what_it_checks() -> None:
    with pytest.raises(UsageError, match="SALESCOACH_TODAY 3001-01-01"):
        check_range(date(3001, 1, 1), "SALESCOACH_TODAY")
