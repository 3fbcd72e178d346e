"""The report's numbers, each one SQL aggregate over the log (no row-by-row Python).

Periods arrive as ISO text bounds `start <= stamp < end` (stamps are stored as local ISO text,
so comparing text compares local time, and `substr(at, 1, 10)` is the local day). How each
figure is defined is documented in salescoach.core.reporting.report.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from salescoach.core.kernel.periods import Span
from salescoach.core.kernel.records import IMPORTED
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.figures import reached_from_furthest
from salescoach.core.reporting.goals import METRICS
from salescoach.core.reporting.report import RawReport, reference_day
from salescoach.store.step_arrivals import position

# Leads in play during the period: created in it, or with anything logged in it.
_ACTIVE = """
    active(lead_id) AS (
        SELECT id FROM leads WHERE created_at >= :start AND created_at < :end
        UNION
        SELECT lead_id FROM interactions WHERE at >= :start AND at < :end
    )"""


def _params(span: Span) -> dict[str, str]:
    start, end = span.bounds()
    return {"start": start, "end": end}


def activity(conn: sqlite3.Connection, span: Span) -> dict[str, Any]:
    rows = conn.execute(
        "SELECT step, channel, count(*) AS interactions, count(DISTINCT lead_id) AS leads "
        "FROM interactions WHERE at >= :start AND at < :end GROUP BY step, channel",
        _params(span),
    ).fetchall()
    totals = conn.execute(
        "SELECT count(*) AS interactions, count(DISTINCT lead_id) AS leads "
        "FROM interactions WHERE at >= :start AND at < :end",
        _params(span),
    ).fetchone()
    return {
        "rows": [dict(r) for r in rows],
        "interactions": totals["interactions"],
        "leads": totals["leads"],
    }


def funnel(
    conn: sqlite3.Connection, span: Span
) -> tuple[dict[str, int], dict[str, tuple[float, int]]]:
    """Over the active leads, from their first arrival at each step before the period's end
    (store.step_arrivals): step id -> how many got at least that far; and step id ->
    (average days from first reaching it to first reaching the next step the lead reached,
    how many moved on)."""
    # Each active lead's rows are found by its key, twice, with nothing built over them: a
    # shared CTE of them cost SQLite half as much again (materialised, then indexed).
    rows = conn.execute(
        f"""
        WITH {_ACTIVE},
        furthest(pos) AS (
            SELECT max(
                1,
                coalesce((SELECT max({position("s.step")}) FROM step_arrivals s
                          WHERE s.lead_id = a.lead_id AND s.first_at < :end), 0),
                CASE WHEN l.step_entered_at < :end THEN {position("l.step")} ELSE 0 END)
            FROM active a JOIN leads l ON l.id = a.lead_id
        )
        SELECT 'furthest' AS kind, pos, count(*) AS n, NULL AS days FROM furthest GROUP BY pos
        UNION ALL
        -- A move counts once the next arrival came before the period's end.
        SELECT 'moved', {position("s.step")}, count(*), avg(s.days)
        FROM active a JOIN step_arrivals s ON s.lead_id = a.lead_id
        WHERE s.next_at < :end AND s.days IS NOT NULL GROUP BY 2
        """,
        _params(span),
    ).fetchall()
    furthest = {row["pos"]: row["n"] for row in rows if row["kind"] == "furthest"}
    step_days = {
        STEP_IDS[row["pos"] - 1]: (row["days"], row["n"]) for row in rows if row["kind"] == "moved"
    }
    return reached_from_furthest(furthest), step_days


def outcomes(conn: sqlite3.Connection, span: Span) -> dict[str, int]:
    """Each lead's last decisive result (won, lost, no_decision) logged in the period."""
    rows = conn.execute(
        """
        SELECT result, count(*) AS n FROM (
            SELECT result, row_number() OVER (
                PARTITION BY lead_id ORDER BY at DESC, id DESC) AS latest
            FROM interactions
            WHERE at >= :start AND at < :end AND result IN ('won', 'lost', 'no_decision')
        ) WHERE latest = 1 GROUP BY result
        """,
        _params(span),
    ).fetchall()
    return {r["result"]: r["n"] for r in rows}


# The leads the SLA figures count (core.reporting.report): imported ones (or added before the
# store kept how, which only imports gave a deadline then), not archived, due in the period.
_SLA_LEADS = (
    "sla_due >= :first AND sla_due <= :last AND status != 'archived' "
    f"AND coalesce(origin, '{IMPORTED}') = '{IMPORTED}'"
)


def sla(conn: sqlite3.Connection, span: Span, today: date) -> dict[str, Any]:
    """Imported, not archived leads whose first-contact deadline falls in the period."""
    params = {
        **_params(span),
        "first": span.start.isoformat(),
        "last": span.end.isoformat(),
        "today": today.isoformat(),
    }
    counts = conn.execute(
        f"""
        SELECT count(*) AS leads,
            coalesce(sum(first_contact_at IS NOT NULL
                         AND substr(first_contact_at, 1, 10) <= sla_due), 0) AS met,
            coalesce(sum(first_contact_at IS NOT NULL
                         AND substr(first_contact_at, 1, 10) > sla_due), 0) AS late,
            coalesce(sum(first_contact_at IS NULL AND sla_due < :today), 0) AS missed,
            coalesce(sum(first_contact_at IS NULL AND sla_due >= :today), 0) AS pending
        FROM leads WHERE {_SLA_LEADS}
        """,
        params,
    ).fetchone()
    median = conn.execute(
        f"""
        WITH waits(hours) AS (
            SELECT (julianday(first_contact_at) - julianday(created_at)) * 24 FROM leads
            WHERE {_SLA_LEADS} AND first_contact_at IS NOT NULL
        ), n(c) AS (SELECT count(*) FROM waits)
        SELECT avg(hours) FROM (
            SELECT hours FROM waits ORDER BY hours
            LIMIT 2 - (SELECT c FROM n) % 2 OFFSET ((SELECT c FROM n) - 1) / 2
        )
        """,
        params,
    ).fetchone()[0]
    return {**dict(counts), "median_hours": median}


def objections(conn: sqlite3.Connection, span: Span) -> list[dict[str, Any]]:
    rows = conn.execute(
        """
        SELECT objection AS family, count(*) AS raised,
               count(CASE WHEN result = 'resolved' THEN 1 END) AS resolved,
               count(CASE WHEN result = 'partly' THEN 1 END) AS partly,
               count(CASE WHEN result = 'not_resolved' THEN 1 END) AS not_resolved,
               count(CASE WHEN coalesce(result, '') NOT IN ('resolved', 'partly', 'not_resolved')
                          THEN 1 END) AS unrecorded
        FROM interactions WHERE kind = 'objection' AND at >= :start AND at < :end
        GROUP BY family ORDER BY raised DESC, family
        """,
        _params(span),
    ).fetchall()
    return [dict(r) for r in rows]


_SHARE = "avg(CASE WHEN max_score > 0 THEN max(score, 0) / max_score END)"


def training(conn: sqlite3.Connection, span: Span) -> dict[str, list[dict[str, Any]]]:
    by_drill = conn.execute(
        f"SELECT drill, count(DISTINCT at) AS runs, count(*) AS items, {_SHARE} AS share "
        "FROM training WHERE at >= :start AND at < :end GROUP BY drill ORDER BY drill",
        _params(span),
    ).fetchall()
    by_family = conn.execute(
        f"SELECT substr(item, 12) AS family, count(*) AS attempts, {_SHARE} AS share "
        "FROM training WHERE drill = 'objections' AND item LIKE 'objections:%' "
        "AND at >= :start AND at < :end GROUP BY item ORDER BY share, family",
        _params(span),
    ).fetchall()
    return {"by_drill": [dict(r) for r in by_drill], "by_family": [dict(r) for r in by_family]}


def collect(conn: sqlite3.Connection, span: Span, today: date) -> RawReport:
    """Every aggregate the report needs, read in one snapshot (one read transaction)."""
    from salescoach.store.goals import goal_progress, measure

    # Up to 16 MiB of page cache (the default is 2 MiB): the report reads the period's rows
    # several times. 64 MiB took the same CPU time over 100,000 leads (the figures come from
    # covering indexes) and peaked at 200 MB of memory instead of 110 MB.
    conn.execute("PRAGMA cache_size = -16384")
    conn.execute("BEGIN")  # a read transaction: all figures from the same state of the log
    try:
        return RawReport(
            activity=activity(conn, span),
            metrics={m: measure(conn, m, span) for m in METRICS},
            funnel=funnel(conn, span),
            outcomes=outcomes(conn, span),
            sla=sla(conn, span, today),
            objections=objections(conn, span),
            training=training(conn, span),
            goals=goal_progress(conn, reference_day(span, today)),
        )
    finally:
        conn.execute("COMMIT")
