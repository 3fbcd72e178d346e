"""The report's numbers, each one SQL aggregate over the log (no row-by-row Python).

Periods arrive as ISO text bounds `start <= stamp < end` (stamps are stored as local ISO text,
so comparing text compares local time, and `substr(at, 1, 10)` is the local day). How each
figure is defined is documented in salescoach.core.report.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from salescoach.core.goals import METRICS
from salescoach.core.periods import Span
from salescoach.core.playbook import STEP_IDS
from salescoach.core.report import RawReport, reference_day

_STEPS = (
    "steps(id, pos) AS (VALUES "
    + ", ".join(f"('{step}', {pos})" for pos, step in enumerate(STEP_IDS, 1))
    + ")"
)
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


def funnel_reached(conn: sqlite3.Connection, span: Span) -> dict[str, int]:
    """Step id -> how many active leads got at least that far by the end of the period."""
    rows = conn.execute(
        f"""
        WITH {_STEPS}, {_ACTIVE},
        logged(lead_id, pos) AS (
            SELECT i.lead_id, max(s.pos) FROM interactions i JOIN steps s ON s.id = i.step
            WHERE i.at < :end AND i.lead_id IN (SELECT lead_id FROM active)
            GROUP BY i.lead_id
        ),
        furthest(lead_id, pos) AS (
            SELECT a.lead_id, max(
                1,
                coalesce(g.pos, 0),
                CASE WHEN l.step_entered_at < :end THEN coalesce(cs.pos, 0) ELSE 0 END)
            FROM active a JOIN leads l ON l.id = a.lead_id
            LEFT JOIN logged g ON g.lead_id = a.lead_id
            LEFT JOIN steps cs ON cs.id = l.step
        )
        SELECT s.id, (SELECT count(*) FROM furthest f WHERE f.pos >= s.pos) AS reached
        FROM steps s ORDER BY s.pos
        """,
        _params(span),
    ).fetchall()
    return {r["id"]: r["reached"] for r in rows}


def step_days(conn: sqlite3.Connection, span: Span) -> dict[str, tuple[float, int]]:
    """Step id -> (average days from first reaching it to first reaching the next step the
    lead reached, how many leads moved on), over the active leads."""
    rows = conn.execute(
        f"""
        WITH {_STEPS}, {_ACTIVE},
        firsts(lead_id, step, first_at) AS (
            SELECT lead_id, step, min(at) FROM interactions
            WHERE at < :end AND step IN (SELECT id FROM steps)
              AND lead_id IN (SELECT lead_id FROM active)
            GROUP BY lead_id, step
        ),
        moves(step, days) AS (
            SELECT step, julianday(lead(first_at) OVER w) - julianday(first_at)
            FROM firsts WINDOW w AS (PARTITION BY lead_id ORDER BY first_at, step)
        )
        SELECT step, avg(days) AS days, count(*) AS n FROM moves
        WHERE days IS NOT NULL GROUP BY step
        """,
        _params(span),
    ).fetchall()
    return {r["step"]: (r["days"], r["n"]) for r in rows}


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


def sla(conn: sqlite3.Connection, span: Span, today: date) -> dict[str, Any]:
    """Imported leads (they carry an SLA deadline) whose deadline falls in the period."""
    params = {
        **_params(span),
        "first": span.start.isoformat(),
        "last": span.end.isoformat(),
        "today": today.isoformat(),
    }
    counts = conn.execute(
        """
        SELECT count(*) AS leads,
            coalesce(sum(first_contact_at IS NOT NULL
                         AND substr(first_contact_at, 1, 10) <= sla_due), 0) AS met,
            coalesce(sum(first_contact_at IS NOT NULL
                         AND substr(first_contact_at, 1, 10) > sla_due), 0) AS late,
            coalesce(sum(first_contact_at IS NULL AND sla_due < :today), 0) AS missed,
            coalesce(sum(first_contact_at IS NULL AND sla_due >= :today), 0) AS pending
        FROM leads WHERE sla_due >= :first AND sla_due <= :last
        """,
        params,
    ).fetchone()
    median = conn.execute(
        """
        WITH waits(hours) AS (
            SELECT (julianday(first_contact_at) - julianday(created_at)) * 24 FROM leads
            WHERE sla_due >= :first AND sla_due <= :last AND first_contact_at IS NOT NULL
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
        SELECT coalesce(objection, 'unknown') AS family, count(*) AS raised,
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

    conn.execute("BEGIN")  # a read transaction: all figures from the same state of the log
    try:
        return RawReport(
            activity=activity(conn, span),
            metrics={m: measure(conn, m, span) for m in METRICS},
            reached=funnel_reached(conn, span),
            step_days=step_days(conn, span),
            outcomes=outcomes(conn, span),
            sla=sla(conn, span, today),
            objections=objections(conn, span),
            training=training(conn, span),
            goals=goal_progress(conn, reference_day(span, today)),
        )
    finally:
        conn.execute("COMMIT")
