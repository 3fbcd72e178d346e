"""The one parser for dates people type: ISO dates and a few everyday words.

Accepted (case-insensitive): `YYYY-MM-DD`, `today`, `yesterday`, `tomorrow`, `+3d`, `-2d`, `+2w`,
`3d` (= +3d), `monday`..`sunday` (the next one, never today), `next monday`, `last friday`,
`next week` (Monday of next week), `in 5 days`. Business-day arithmetic lives here too.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from salescoach.errors import UsageError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {name[:3]: i for i, name in enumerate(WEEKDAYS)}
_OFFSET = re.compile(r"^([+-]?)(\d{1,4})\s*(d|day|days|w|wk|week|weeks)$")
_IN = re.compile(r"^in\s+(\d{1,4})\s+(day|days|week|weeks)$")
# Every date salescoach keeps lies in these years: far enough for any sale, near enough that
# adding a cadence or a week to one never leaves what `datetime` can hold.
MIN_YEAR, MAX_YEAR = 1900, 2999


def in_range(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


def _weekday(word: str) -> int | None:
    word = word.strip()
    if word in WEEKDAYS:
        return WEEKDAYS.index(word)
    return _SHORT.get(word) if len(word) == 3 else None


def parse_date(text: str, today: date) -> date:
    """Parse `text` relative to `today`. Raises UsageError naming the accepted forms, or the
    range for a date outside the years MIN_YEAR..MAX_YEAR."""
    try:
        day = _parse(text, today)
    except OverflowError:  # an offset past what `date` can hold
        day = None
    if day is None or not in_range(day):
        raise UsageError(
            f"{text.strip()!r} is outside the dates salescoach keeps",
            hint=f"give a date in the years {MIN_YEAR}-{MAX_YEAR}",
        )
    return day


def check_range(day: date, what: str) -> date:
    """`day`, or UsageError when it is outside the years salescoach keeps."""
    if not in_range(day):
        raise UsageError(
            f"{what} {day.isoformat()} is outside the dates salescoach keeps",
            hint=f"give a date in the years {MIN_YEAR}-{MAX_YEAR}",
        )
    return day


def _parse(text: str, today: date) -> date:
    word = " ".join(text.strip().lower().split())
    simple = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
    if word in simple:
        return today + timedelta(days=simple[word])
    if word == "next week":
        return today + timedelta(days=7 - today.weekday())
    if match := _OFFSET.match(word):
        sign, count, unit = match.groups()
        days = int(count) * (7 if unit.startswith("w") else 1)
        return today + timedelta(days=-days if sign == "-" else days)
    if match := _IN.match(word):
        count, unit = match.groups()
        return today + timedelta(days=int(count) * (7 if unit.startswith("week") else 1))
    prefix, _, rest = word.partition(" ")
    if prefix in ("next", "last", "this") and (day := _weekday(rest)) is not None:
        return _relative_weekday(today, day, prefix)
    if (day := _weekday(word)) is not None:
        return _relative_weekday(today, day, "next")
    try:
        return date.fromisoformat(word)
    except ValueError:
        pass
    raise UsageError(
        f"cannot read {text!r} as a date",
        hint="use YYYY-MM-DD, today, yesterday, tomorrow, +3d, -1w, in 5 days, friday, next monday",
    )


def _relative_weekday(today: date, weekday: int, direction: str) -> date:
    ahead = (weekday - today.weekday()) % 7
    if direction == "last":
        back = (today.weekday() - weekday) % 7 or 7
        return today - timedelta(days=back)
    if direction == "this":
        return today + timedelta(days=ahead)
    return today + timedelta(days=ahead or 7)


def add_business_days(start: date, days: int) -> date:
    """`days` working days after `start` (Monday to Friday), landing on a working day:
    Friday + 1 is Monday, Saturday or Sunday + 1 is Monday too, and + 0 from a weekend day
    is the Monday after."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    while current.weekday() >= 5:
        current += timedelta(days=1)
    return current


def business_days_between(start: date, end: date) -> int:
    """Working days from `start` to `end` (negative when end is earlier)."""
    if end < start:
        return -business_days_between(end, start)
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            count += 1
    return count
