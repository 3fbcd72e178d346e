"""The moment parser behind `log --at`, and the checks on lead fields (property-based)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.kernel.leadfields import clean_email, clean_lead_fields, clean_text
from salescoach.core.kernel.when import parse_moment
from salescoach.errors import UsageError

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 11, 16, 45, 12, 999, tzinfo=ZONE)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
clock_times = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@given(days, clock_times)
def test_a_date_and_a_time(day: date, at: time) -> None:
    expected = datetime.combine(day, at, tzinfo=ZONE)
    assert parse_moment(f"{day.isoformat()} {at:%H:%M}", NOW) == expected
    assert parse_moment(f"{day.isoformat()}T{at:%H:%M}", NOW) == expected


@given(st.integers(min_value=1, max_value=999))
def test_relative_days_without_a_time_mean_noon(count: int) -> None:
    moment = parse_moment(f"-{count}d", NOW)
    assert moment == datetime.combine(NOW.date() - timedelta(days=count), time(12), ZONE)


def test_everyday_words() -> None:
    assert parse_moment("now", NOW) == NOW.replace(microsecond=0)
    assert parse_moment("today", NOW) == NOW.replace(microsecond=0)
    assert parse_moment("14:30", NOW) == datetime(2026, 3, 11, 14, 30, tzinfo=ZONE)
    assert parse_moment("Yesterday  9:05", NOW) == datetime(2026, 3, 10, 9, 5, tzinfo=ZONE)
    assert parse_moment("last monday 08:00", NOW) == datetime(2026, 3, 9, 8, 0, tzinfo=ZONE)
    converted = parse_moment("2026-03-10T08:00+00:00", NOW)
    assert converted.utcoffset() == timedelta(hours=1) and converted.hour == 9


@given(st.text(max_size=40))
def test_any_text_either_parses_or_gives_a_usage_error(text: str) -> None:
    try:
        moment = parse_moment(text, NOW)
    except UsageError as error:
        assert "cannot read" in error.message
    else:
        assert moment.tzinfo is not None


local = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._+-", min_size=1, max_size=30)
label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=15)


@given(local, label, st.lists(label, min_size=1, max_size=3))
def test_plausible_addresses_are_kept(user: str, host: str, rest: list[str]) -> None:
    address = f"{user}@{host}.{'.'.join(rest)}"
    assert clean_email(f"  {address} ") == address


@pytest.mark.parametrize(
    "bad", ["ada", "ada@", "@acme.io", "ada@acme", "ada @acme.io", "ada@@acme.io", "a@b..io"]
)
def test_non_addresses_are_refused(bad: str) -> None:
    with pytest.raises(UsageError, match="is not an e-mail address"):
        clean_email(bad)


@given(st.text(max_size=300))
def test_clean_text_keeps_printable_text_or_refuses_clearly(text: str) -> None:
    try:
        cleaned = clean_text("name", text)
    except UsageError as error:
        assert "characters long" in error.message or "control character" in error.message
    else:
        assert cleaned is None or (cleaned == text.strip() and len(cleaned) <= 200)


def test_a_new_lead_needs_a_name_and_known_fields_only() -> None:
    with pytest.raises(UsageError, match="name is empty"):
        clean_lead_fields({"company": "ACME"}, new=True)
    with pytest.raises(UsageError, match="no field 'shoe_size'"):
        clean_lead_fields({"name": "Ada", "shoe_size": "38"}, new=True)
    assert clean_lead_fields({"name": " Ada ", "temperature": "WARM"}, new=True) == {
        "name": "Ada",
        "temperature": "warm",
    }
