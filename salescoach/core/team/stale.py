"""A stale deal: an open lead with nothing logged for STALE_DAYS (the report's and the plan's
definition), in a module of its own so `team plan` need not load the report."""

from __future__ import annotations

from datetime import date, timedelta

from salescoach.core.kernel.periods import Span

STALE_DAYS = 14  # the playbooks' default stale_after_days


def stale_before(span: Span, today: date) -> date:
    """Leads last logged before this day are stale at the end of `span` (or today)."""
    return min(span.end, today) - timedelta(days=STALE_DAYS - 1)
