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
from salescoach.store.lead_progress import MS_PER_DAY, POSITIONS, SUMS
from salescoach.store.step_arrivals import position


def _params(span: Span) -> dict[str, str]:
    start, end = span.bounds()
    return {"start": start, "end": end}


def activity(conn: sqlite3.Connection, span: Span, leads: int | None = None) -> dict[str, Any]:
    """Interactions and distinct leads by step and channel, and in all, from the period's
    marks (store.period_marks): each pair's range of its index in turn, grouped by nothing
    bigger than the pairs; a lead counts where its first row in the period is. `leads`: the
    period's leads with anything logged, when `period_leads` has counted them already."""
    rows = conn.execute(
        "SELECT p.step, p.channel, count(*) AS interactions, "
        "count(CASE WHEN m.pair_prev IS NULL OR m.pair_prev < :start THEN 1 END) AS leads "
        "FROM interaction_pairs p JOIN interaction_marks m INDEXED BY interaction_marks_pair "
        "ON m.step IS p.step AND m.channel IS p.channel AND m.day >= :start AND m.day < :end "
        "GROUP BY p.rowid ORDER BY p.step, p.channel",
        _params(span),
    ).fetchall()
    if leads is None:
        leads = conn.execute(
            f"SELECT count(*) FROM interaction_marks WHERE {_FIRST_IN_PERIOD}", _params(span)
        ).fetchone()[0]
    return {
        "rows": [dict(r) for r in rows],
        "interactions": sum(r["interactions"] for r in rows),
        "leads": leads,
    }


# A lead's first interaction in the period: one row per lead with anything logged in it.
_FIRST_IN_PERIOD = "day >= :start AND day < :end AND (lead_prev IS NULL OR lead_prev < :start)"


def period_leads(conn: sqlite3.Connection, span: Span) -> int:
    """Fill `temp.period_leads` with the leads in play during the period: created in it, or
    with anything logged in it (one first row each, so nothing is deduplicated but the few
    leads that are both); how many had anything logged."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS period_leads (lead_id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.period_leads")
    logged = conn.execute(
        "INSERT INTO temp.period_leads (lead_id) "
        # In key order: appending is cheaper than inserting at random places.
        f"SELECT lead_id FROM interaction_marks WHERE {_FIRST_IN_PERIOD} ORDER BY lead_id",
        _params(span),
    )
    conn.execute(
        "INSERT OR IGNORE INTO temp.period_leads (lead_id) "
        "SELECT id FROM leads WHERE created_at >= :start AND created_at < :end",
        _params(span),
    )
    return logged.rowcount


def _per_position(value: str) -> str:
    """One column per position: how many rows have it (and the sum of their `value`)."""
    return ", ".join(
        f"count(CASE WHEN pos = {p} THEN 1 END)"
        + (f", sum(CASE WHEN pos = {p} THEN {value} END)" if value else "")
        for p in POSITIONS
    )


def _exact(conn: sqlite3.Connection, span: Span) -> list[int]:
    """The funnel's sums (as `_SUMS` orders them, `leads` and `logged` left 0) over the
    leads in `temp.period_leads`, from their first arrivals before the period's end."""
    # Each lead's rows are found by its key, in key order (CROSS JOIN: the planner cannot
    # know the temporary table's size). One column per position, not a GROUP BY (which sorts
    # every row); LIMIT -1 keeps the inner query from being folded into the outer one
    # (SQLite would compute `pos` per column).
    furthest = conn.execute(
        f"""
        SELECT {_per_position("")} FROM (
            SELECT max(
                1,
                coalesce((SELECT max({position("s.step")}) FROM step_arrivals s
                          WHERE s.lead_id = a.lead_id AND s.first_at < :end), 0),
                CASE WHEN l.step_entered_at < :end THEN {position("l.step")} ELSE 0 END) AS pos
            FROM temp.period_leads a CROSS JOIN leads l ON l.id = a.lead_id
            LIMIT -1
        )
        """,
        _params(span),
    ).fetchone()
    # A move counts once the next arrival came before the period's end.
    moved = conn.execute(
        f"""
        SELECT {_per_position("ms")} FROM (
            SELECT {position("s.step")} AS pos,
                CAST(round(s.days * {MS_PER_DAY}) AS INTEGER) AS ms
            FROM temp.period_leads a CROSS JOIN step_arrivals s ON s.lead_id = a.lead_id
            WHERE s.next_at < :end AND s.days IS NOT NULL
            LIMIT -1
        )
        """,
        _params(span),
    ).fetchone()
    counts, sums = moved[0::2], moved[1::2]
    return [0, 0, *furthest, *counts, *(n or 0 for n in sums)]


_SUMS_OF = ", ".join(f"coalesce(sum({c}), 0)" for c in SUMS)
# The leads whose `lo` is in the period but whose step moved after its end (their day sums
# hold figures the period's end cuts): `hi > lo` for the partial index.
_LATE = "lo >= :start AND lo < :end AND hi >= :end AND hi > lo"
_LATE_SUMS = (
    "0, 0, "
    + ", ".join(f"count(CASE WHEN furthest = {p} THEN 1 END)" for p in POSITIONS)
    + ", "
    + ", ".join(f"count(ms{p})" for p in POSITIONS)
    + ", "
    + ", ".join(f"coalesce(sum(ms{p}), 0)" for p in POSITIONS)
)
# From this many leads whose record reaches past the period's end, the period's leads are
# found from its marks instead of one seek per such lead.
_MANY_LATER = 5_000
_LOGGED_IN_PERIOD = (
    "EXISTS (SELECT 1 FROM interactions i "
    "WHERE i.lead_id = lp.lead_id AND i.at >= :start AND i.at < :end)"
)
_IN_PERIOD = f"(lp.created_at >= :start AND lp.created_at < :end OR {_LOGGED_IN_PERIOD})"


def progress(
    conn: sqlite3.Connection, span: Span
) -> tuple[int, tuple[dict[str, int], dict[str, tuple[float, int]]]]:
    """The period's leads with anything logged, and its funnel: over the leads in play
    (created in the period, or with anything logged in it), from their first arrival at each
    step before the period's end (store.step_arrivals), step id -> how many got at least that
    far, and step id -> (average days from first reaching it to first reaching the next step
    the lead reached, how many moved on).

    From the day sums of store.lead_progress for the leads whose record ends before the
    period does; the others (`temp.period_leads`) are counted from their first arrivals."""
    params = _params(span)
    total = list(
        conn.execute(
            f"SELECT {_SUMS_OF} FROM progress_days WHERE day >= :start AND day < :end", params
        ).fetchone()
    )
    late = conn.execute(
        f"SELECT {_LATE_SUMS} FROM lead_progress INDEXED BY lead_progress_late WHERE {_LATE}",
        params,
    ).fetchone()
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS period_leads (lead_id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.period_leads")
    later = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM lead_progress WHERE lo >= :end LIMIT :many)",
        {**params, "many": _MANY_LATER},
    ).fetchone()[0]
    if later < _MANY_LATER:
        conn.execute(
            "INSERT INTO temp.period_leads (lead_id) "
            f"SELECT lead_id FROM lead_progress INDEXED BY lead_progress_late WHERE {_LATE} "
            f"UNION SELECT lead_id FROM lead_progress lp WHERE lo >= :end AND {_IN_PERIOD}",
            params,
        )
        # Leads whose last interaction came after the period's end: logged in it or not.
        total[1] += conn.execute(
            "SELECT count(*) FROM temp.period_leads a CROSS JOIN lead_progress lp "
            f"ON lp.lead_id = a.lead_id WHERE lp.logged_at >= :end AND {_LOGGED_IN_PERIOD}",
            params,
        ).fetchone()[0]
    else:
        total[1] = period_leads(conn, span)
        conn.execute(
            "DELETE FROM temp.period_leads WHERE "
            "(SELECT hi FROM lead_progress lp WHERE lp.lead_id = period_leads.lead_id) < :end",
            params,
        )
    exact = _exact(conn, span)
    found = (t - d + e for t, d, e in zip(total, late, exact, strict=True))
    sums = dict(zip(SUMS, found, strict=True))
    reached = {p: sums[f"f{p}"] for p in POSITIONS if sums[f"f{p}"]}
    step_days = {
        STEP_IDS[p - 1]: (sums[f"s{p}"] / sums[f"c{p}"] / MS_PER_DAY, sums[f"c{p}"])
        for p in POSITIONS
        if sums[f"c{p}"]
    }
    return sums["logged"], (reached_from_furthest(reached), step_days)


def funnel(
    conn: sqlite3.Connection, span: Span
) -> tuple[dict[str, int], dict[str, tuple[float, int]]]:
    """The period's funnel (`progress`)."""
    return progress(conn, span)[1]


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
    """Objections raised in the period by family, and how they ended, from the counts of
    each day (store.period_marks)."""
    rows = conn.execute(
        """
        SELECT family, sum(n) AS raised,
               coalesce(sum(CASE WHEN result = 'resolved' THEN n END), 0) AS resolved,
               coalesce(sum(CASE WHEN result = 'partly' THEN n END), 0) AS partly,
               coalesce(sum(CASE WHEN result = 'not_resolved' THEN n END), 0) AS not_resolved,
               coalesce(sum(CASE WHEN coalesce(result, '') NOT IN
                                      ('resolved', 'partly', 'not_resolved')
                                 THEN n END), 0) AS unrecorded
        FROM objection_days WHERE day >= :start AND day < :end
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
        logged, funnel_figures = progress(conn, span)  # the activity's lead count too
        return RawReport(
            activity=activity(conn, span, logged),
            metrics={m: measure(conn, m, span) for m in METRICS},
            funnel=funnel_figures,
            outcomes=outcomes(conn, span),
            sla=sla(conn, span, today),
            objections=objections(conn, span),
            training=training(conn, span),
            goals=goal_progress(conn, reference_day(span, today)),
        )
    finally:
        conn.execute("COMMIT")
