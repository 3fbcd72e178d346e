"""The one "today" of the test suite: every test runs on this date (conftest sets
SALESCOACH_TODAY to it), and tests that need the date as a value import it from here."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 3, 11)  # a Wednesday
TODAY_ISO = TODAY.isoformat()
