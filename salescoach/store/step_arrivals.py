"""Each lead's first arrival at each step, kept by triggers, for the report's funnel.

`step_arrivals` holds one row per lead and step (one of the seven step ids) it has logged
anything at: the time of its first interaction at that step (`min(at)`), and the first
arrival that came next among the lead's steps (ordered by time, then step order, as the
funnel orders them), with the days between the two. The funnel (store.report_queries) reads
these few rows per lead instead of the lead's whole history and sorts nothing: at 100,000
leads, 580,000 rows instead of 2,000,000 index entries and a window over them.

Triggers keep it (built-in SQL only, like the task ranking's), so every writer does: a
command, the sync's pull (which also updates and removes rows), a restore. An interaction
inserted can only move a first arrival earlier; one updated or deleted recomputes the pair
it touched from `interactions (lead_id, step, at)`, an index seek; a first arrival that
changes re-chains its lead's few rows.

It is derived data: not exported (a restore rebuilds it as the interactions go in, and the
migration builds it for a store that predates it); a backup, a copy of the whole file, holds
it as it was. The step order is written into the triggers when the migration runs, so a
change to the steps needs a migration (a test compares the funnel with the whole history's).
"""

from __future__ import annotations

from salescoach.core.kernel.steps import STEP_IDS

_KNOWN = "(" + ", ".join(f"'{step}'" for step in STEP_IDS) + ")"


def position(column: str) -> str:
    """SQL for the 1-based position of the step in `column` (0: not a step id)."""
    whens = " ".join(f"WHEN '{step}' THEN {pos}" for pos, step in enumerate(STEP_IDS, 1))
    return f"(CASE {column} {whens} ELSE 0 END)"


def _recompute(row: str) -> str:
    """Statements that set the first arrival of `row`'s lead at `row`'s step afresh."""
    return f"""
    DELETE FROM step_arrivals WHERE lead_id = {row}.lead_id AND step = {row}.step;
    INSERT INTO step_arrivals (lead_id, step, first_at)
        SELECT lead_id, step, min(at) FROM interactions
        WHERE lead_id = {row}.lead_id AND step = {row}.step AND step IN {_KNOWN}
        GROUP BY lead_id, step;"""


def _rechain(row: str) -> str:
    """The statement that sets the next arrival of each of `row`'s lead's steps."""
    here, there = position("step_arrivals.step"), position("n.step")
    return f"""
    UPDATE step_arrivals SET (next_at, days) = (
        SELECT n.first_at, julianday(n.first_at) - julianday(step_arrivals.first_at)
        FROM step_arrivals n
        WHERE n.lead_id = step_arrivals.lead_id
            AND (n.first_at > step_arrivals.first_at
                 OR (n.first_at = step_arrivals.first_at AND {there} > {here}))
        ORDER BY n.first_at, {there} LIMIT 1
    ) WHERE lead_id = {row}.lead_id;"""


def _build(leads: str = "") -> str:
    """The statement that builds the rows of the leads `leads` (SQL) holds; all without."""
    only = f" AND {leads}" if leads else ""
    return f"""
INSERT INTO step_arrivals (lead_id, step, first_at, next_at, days)
SELECT lead_id, step, first_at, next_at, julianday(next_at) - julianday(first_at) FROM (
    SELECT lead_id, step, first_at, lead(first_at) OVER (
        PARTITION BY lead_id ORDER BY first_at, {position("step")}) AS next_at
    FROM (
        SELECT lead_id, step, min(at) AS first_at FROM interactions
        WHERE step IN {_KNOWN}{only} GROUP BY lead_id, step
    )
) ORDER BY lead_id, step"""


# A bulk insert of interactions (store.derived_tables): the triggers its rows and the rebuild's
# writes would set off, and the rebuild of the leads the new rows (:first..:last) are on.
TRIGGERS_ON_INSERT = (
    "step_arrivals_insert",
    "step_arrivals_chain_insert",
    "step_arrivals_chain_update",
    "step_arrivals_chain_delete",
)
_NEW_ROWS_LEADS = (
    "lead_id IN (SELECT lead_id FROM interactions WHERE rowid BETWEEN :first AND :last)"
)
REBUILD_NEW_ROWS = (
    f"DELETE FROM step_arrivals WHERE {_NEW_ROWS_LEADS}",
    _build(_NEW_ROWS_LEADS),
)


def migration() -> str:
    return f"""
CREATE TABLE step_arrivals (
    lead_id INTEGER NOT NULL,
    step TEXT NOT NULL,
    first_at TEXT NOT NULL,
    next_at TEXT,
    days REAL,
    PRIMARY KEY (lead_id, step)
) WITHOUT ROWID;{_build()};
CREATE TRIGGER step_arrivals_insert AFTER INSERT ON interactions WHEN NEW.step IN {_KNOWN}
BEGIN
    INSERT INTO step_arrivals (lead_id, step, first_at) VALUES (NEW.lead_id, NEW.step, NEW.at)
    ON CONFLICT (lead_id, step) DO UPDATE SET first_at = excluded.first_at
    WHERE excluded.first_at < first_at;
END;
CREATE TRIGGER step_arrivals_update AFTER UPDATE OF lead_id, step, at ON interactions
BEGIN{_recompute("OLD")}{_recompute("NEW")}
END;
CREATE TRIGGER step_arrivals_delete AFTER DELETE ON interactions
BEGIN{_recompute("OLD")}
END;
CREATE TRIGGER step_arrivals_chain_insert AFTER INSERT ON step_arrivals
BEGIN{_rechain("NEW")}
END;
CREATE TRIGGER step_arrivals_chain_update AFTER UPDATE OF first_at ON step_arrivals
BEGIN{_rechain("NEW")}
END;
CREATE TRIGGER step_arrivals_chain_delete AFTER DELETE ON step_arrivals
BEGIN{_rechain("OLD")}
END;
"""
