"""The one date parser and business-day arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.kernel.dates import add_business_days, business_days_between, parse_date
from salescoach.errors import UsageError
from tests.support.today import TODAY

WEDNESDAY = TODAY  # the suite's today is a Wednesday


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 3, 11), 1, date(2026, 3, 12)),  # Wednesday -> Thursday
        (date(2026, 3, 13), 1, date(2026, 3, 16)),  # Friday -> Monday
        (date(2026, 3, 14), 1, date(2026, 3, 16)),  # Saturday -> Monday
        (date(2026, 3, 15), 1, date(2026, 3, 16)),  # Sunday -> Monday
        (date(2026, 3, 15), 0, date(2026, 3, 16)),  # Sunday + 0 -> the next working day
        (date(2026, 3, 11), 0, date(2026, 3, 11)),
        (date(2026, 3, 11), 5, date(2026, 3, 18)),
    ],
)
def test_business_days(start: date, days: int, expected: date) -> None:
    assert add_business_days(start, days) == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 60))
def test_business_days_land_on_a_weekday_and_count_back(start: date, days: int) -> None:
    due = add_business_days(start, days)
    assert due.weekday() < 5 and due >= start
    if start.weekday() < 5:
        assert business_days_between(start, due) == days


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", WEDNESDAY),
        ("Tomorrow", WEDNESDAY + timedelta(days=1)),
        ("yesterday", WEDNESDAY - timedelta(days=1)),
        ("+3d", WEDNESDAY + timedelta(days=3)),
        ("-1w", WEDNESDAY - timedelta(days=7)),
        ("in 5 days", WEDNESDAY + timedelta(days=5)),
        ("friday", date(2026, 3, 13)),
        ("wednesday", date(2026, 3, 18)),  # the next one, never today
        ("next monday", date(2026, 3, 16)),
        ("last friday", date(2026, 3, 6)),
        ("next week", date(2026, 3, 16)),
        ("2026-02-28", date(2026, 2, 28)),
    ],
)
def test_everyday_words(text: str, expected: date) -> None:
    assert parse_date(text, WEDNESDAY) == expected


@pytest.mark.parametrize("text", ["31st of Februrary", "2026-02-30", "", "soonish", "+99999d"])
def test_what_is_not_a_date_is_refused_with_the_forms(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text, WEDNESDAY)
    assert caught.value.hint and "YYYY-MM-DD" in caught.value.hint


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_usage_error(text: str) -> None:
    try:
        parsed = parse_date(text, WEDNESDAY)
    except UsageError as error:
        assert error.message.startswith("cannot read")
    else:
        assert isinstance(parsed, date)
