"""Period boundaries, the report's --period parser, and goal targets and progress."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.kernel.periods import PERIODS, Span, parse_span, period_span
from salescoach.core.reporting.goals import (
    Goal,
    check_target,
    progress,
    resolve_metric,
    resolve_period,
)
from salescoach.errors import UsageError
from tests.support.today import TODAY

WEDNESDAY = TODAY  # the suite's today is a Wednesday


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("day", date(2026, 3, 11), date(2026, 3, 11)),
        ("week", date(2026, 3, 9), date(2026, 3, 15)),
        ("month", date(2026, 3, 1), date(2026, 3, 31)),
        ("quarter", date(2026, 1, 1), date(2026, 3, 31)),
    ],
)
def test_calendar_periods_around_a_day(period: str, start: date, end: date) -> None:
    span = period_span(period, WEDNESDAY)
    assert (span.start, span.end) == (start, end)


def test_the_last_quarter_of_a_year_ends_on_new_years_eve() -> None:
    span = period_span("quarter", date(2025, 11, 30))
    assert (span.start, span.end, span.days) == (date(2025, 10, 1), date(2025, 12, 31), 92)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)), st.sampled_from(PERIODS))
def test_every_period_contains_its_day(day: date, period: str) -> None:
    span = period_span(period, day)
    assert span.start <= day <= span.end
    assert period_span(period, span.start) == span == period_span(period, span.end)
    assert period_span(period, span.end_exclusive) != span


def test_date_ranges_use_the_one_date_parser() -> None:
    span = parse_span("2026-01-05..yesterday", WEDNESDAY)
    assert (span.start, span.end) == (date(2026, 1, 5), date(2026, 3, 10))
    assert parse_span("2026-03-01..", WEDNESDAY).end == WEDNESDAY
    assert parse_span("QUARTER", WEDNESDAY).label == "quarter"


@pytest.mark.parametrize(
    "text", ["2026-03-10..2026-03-01", "fortnight", "2026-02-30..today", "x..y"]
)
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(UsageError):
        parse_span(text, WEDNESDAY)


def test_an_end_before_the_start_says_so() -> None:
    with pytest.raises(UsageError, match=r"ends .*2026-03-01.* before it starts"):
        parse_span("2026-03-10..2026-03-01", WEDNESDAY)


@given(st.text(max_size=40))
def test_the_period_parser_only_raises_usage_errors(text: str) -> None:
    try:
        span = parse_span(text, WEDNESDAY)
    except UsageError:
        return
    assert span.start <= span.end


def test_metric_names_and_aliases() -> None:
    assert resolve_metric("Calls") == "calls"
    assert resolve_metric("new leads contacted") == "contacts"
    assert resolve_metric("presentations") == "proposals"
    assert resolve_metric("revenue") == "revenue_won"
    with pytest.raises(UsageError, match="unknown metric 'bananas'"):
        resolve_metric("bananas")
    assert resolve_period("weekly") == "week"
    with pytest.raises(UsageError):
        resolve_period("year")


@pytest.mark.parametrize(("text", "value"), [("50", 50.0), ("1,500", 1500.0), ("2.5", 2.5)])
def test_targets(text: str, value: float) -> None:
    assert check_target(text) == value


@pytest.mark.parametrize("text", ["-5", "0", "abc", "nan", "inf", ""])
def test_bad_targets(text: str) -> None:
    with pytest.raises(UsageError):
        check_target(text)


def test_progress_measures_each_goal_over_its_own_period() -> None:
    asked: list[tuple[str, Span]] = []

    def measure(metric: str, span: Span) -> float:
        asked.append((metric, span))
        return 6.0

    goals = [Goal("deals_won", 4, "month"), Goal("calls", 20, "week"), Goal("calls", 5, "day")]
    rows = progress(goals, WEDNESDAY, measure, periods=("day", "week"))
    assert [(r.metric, r.period) for r in rows] == [("calls", "day"), ("calls", "week")]
    day, week = rows
    assert day.met and day.share == 1.2 and day.remaining == 0
    assert week.expected == pytest.approx(20 * 3 / 7) and not week.on_pace
    assert week.to_dict()["start"] == "2026-03-09"
    assert [s.start for _, s in asked] == [WEDNESDAY, WEDNESDAY - timedelta(days=2)]
