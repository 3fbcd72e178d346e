"""Moments people type (`log --at`): a date in `parse_date`'s forms, optionally with a time.

`parse_date` stays the one date parser; this only splits a time of day off first.
Accepted: anything `parse_date` reads (`yesterday`, `+3d`, `next monday`, `2026-03-09`),
optionally followed by `HH:MM` (24-hour), e.g. `yesterday 14:30`; a bare `14:30` (today);
`now`; or an ISO date-time (`2026-03-09T14:30`, with or without an offset).
A date without a time means: now when it is today, otherwise 12:00 that day.
Results are in now's zone, because the log keeps local wall-clock text: a typed foreign offset
is converted, and each date gets its own UTC offset (a July time keeps its summer offset even
when today is in winter).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone

from salescoach.core.kernel.dates import check_range, parse_date
from salescoach.errors import UsageError

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}")
DEFAULT_TIME = time(12, 0)


def parse_moment(text: str, now: datetime) -> datetime:
    """Parse `text` relative to `now` (time-zone aware); the result has now's time zone."""
    word = " ".join(text.strip().lower().split())
    if word in ("", "now"):
        return now.replace(microsecond=0)
    if _ISO_DATETIME.match(word):
        try:
            moment = datetime.fromisoformat(word.upper().replace(" ", "T"))
        except ValueError:
            raise UsageError(f"cannot read {text!r} as a date and time") from None
        check_range(moment.date(), "the date")
        return _local(moment, now, text).replace(microsecond=0)
    day_part, _, last = word.rpartition(" ")
    if match := _TIME.match(last):
        clock = time(int(match.group(1)), int(match.group(2)))
        day = parse_date(day_part, now.date()) if day_part else now.date()
        return _local(datetime.combine(day, clock), now, text)
    day = parse_date(word, now.date())
    if day == now.date():
        return now.replace(microsecond=0)
    return _local(datetime.combine(day, DEFAULT_TIME), now, text)


def parse_due(text: str, today: date) -> tuple[date, time | None]:
    """A due date with an optional time of day: `friday 14:30`, `2026-03-20 09:00`, `14:30`
    (today), or any date `parse_date` reads (no time: any time that day)."""
    word = " ".join(text.split())  # the case kept: messages quote what was typed
    day_part, _, last = word.rpartition(" ")
    if match := _TIME.match(last):
        at = time(int(match.group(1)), int(match.group(2)))
        return (parse_date(day_part, today) if day_part else today), at
    if _ISO_DATETIME.match(word.lower()):
        day_text, _, clock_text = word.lower().partition("t")
        if match := _TIME.match(clock_text):
            return parse_date(day_text, today), time(int(match.group(1)), int(match.group(2)))
    return parse_date(text, today), None


def _local(moment: datetime, now: datetime, text: str) -> datetime:
    try:
        local = in_zone_of(moment, now)
    except (OverflowError, ValueError):  # at the very ends of the calendar
        raise UsageError(f"cannot read {text!r} as a date and time") from None
    if moment.tzinfo is None and local.replace(tzinfo=None) != moment:
        # A wall-clock time skipped when the clocks went forward would be stored as another.
        raise UsageError(
            f"{text!r} does not exist here: the clocks went forward then",
            hint="give a time an hour later",
        )
    return local


def in_zone_of(moment: datetime, now: datetime) -> datetime:
    """`moment` (naive: a wall-clock time) in now's zone. A fixed offset that is the system's
    own at `now` (what `clock.now()` gives) stands for the system zone, so each date gets the
    offset it really has there; any other zone is used as given."""
    system = isinstance(now.tzinfo, timezone) and now.utcoffset() == now.astimezone().utcoffset()
    if moment.tzinfo is None:
        return moment.astimezone() if system else moment.replace(tzinfo=now.tzinfo)
    return moment.astimezone() if system else moment.astimezone(now.tzinfo)
