"""Each lead's funnel figures, and their sums per day, kept by triggers for the report.

The funnel (store.report_queries) counts, over the leads in play in a period, each lead's
furthest step before the period's end and its moves (first arrival at a step -> its next
arrival, store.step_arrivals) whose next arrival came before the end. Visiting those leads
cost about a second at 100,000 leads: a quarter holds 98,000 of them. But for a lead whose
whole record is older than the period's end nothing depends on the end any more, and whether
it is in play is one comparison. So:

- `lead_progress`, one row per lead: when it was created, its step's position and since when
  (from `leads`), its last interaction (`logged_at`), the furthest position it has logged
  anything at, and the milliseconds of its move from each position (`ms1`..`ms7`). `lo` is
  the later of its last interaction and its creation, `hi` the latest of those and its step's
  stamp. A lead with `hi` before the period's end is in play exactly when `lo` is in the
  period (logged in it, or created in it), and its figures are its row's.
- `progress_days`, one row per day: the sums of those figures over the leads whose `lo` falls
  on it (how many reached each furthest position, how many moved on from each position and
  their milliseconds in all), and how many leads' last interaction falls on it. Integers, so
  adding and taking away as rows change leaves exactly the sums a rebuild finds.

A period's funnel is its days' sums, less the few leads whose `lo` is in the period but whose
step moved after its end (a partial index holds the leads whose step moved last), plus the
leads in play whose record reaches past the end, each counted as before from its first
arrivals (few for the current period; for a past one, about the old work).

Triggers keep both (built-in SQL only) on `leads`, `interactions` and `step_arrivals`, whoever
writes: a command, the sync's pull, a restore, a lead merge. The positions and moves come from
`step_arrivals`, so they follow its triggers. Derived data: not exported, rebuilt as a restore
inserts, built set-based by the migration and after a bulk pull (store.derived_tables).
"""

from __future__ import annotations

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.store.step_arrivals import position

POSITIONS = range(1, len(STEP_IDS) + 1)
MS_PER_DAY = 86_400_000

_MS = ", ".join(f"ms{p}" for p in POSITIONS)
_COLUMNS = f"lead_id, created_at, step_pos, step_at, logged_at, arrived_pos, {_MS}"
# The day sums: leads by `lo`, leads by last interaction, and per position, the leads whose
# furthest it is, the leads that moved on from it and their milliseconds.
SUMS = (
    "leads",
    "logged",
    *(f"f{p}" for p in POSITIONS),
    *(f"c{p}" for p in POSITIONS),
    *(f"s{p}" for p in POSITIONS),
)
_VECTOR = tuple(c for c in SUMS if c != "logged")


def _moves() -> str:
    """Over a lead's step_arrivals rows `s`: the furthest position, each position's move."""
    here = position("s.step")
    return f"max({here}) AS arrived_pos, " + ", ".join(
        f"max(CASE WHEN {here} = {p} THEN CAST(round(s.days * {MS_PER_DAY}) AS INTEGER) END)"
        f" AS ms{p}"
        for p in POSITIONS
    )


def _arrivals(lead: str) -> str:
    """A row of the furthest position and each position's move, from step_arrivals."""
    return (
        f"SELECT coalesce(arrived_pos, 0), {_MS} FROM "
        f"(SELECT {_moves()} FROM step_arrivals s WHERE s.lead_id = {lead})"
    )


def _logged(lead: str) -> str:
    return f"(SELECT max(at) FROM interactions WHERE lead_id = {lead})"


def _vector(row: str, sign: str, columns: tuple[str, ...] = _VECTOR) -> str:
    """The values `row` (a lead_progress row) adds to its `lo` day's `columns`, times `sign`."""
    values = {
        "leads": "1",
        **{f"f{p}": f"({row}.furthest = {p})" for p in POSITIONS},
        **{f"c{p}": f"({row}.ms{p} IS NOT NULL)" for p in POSITIONS},
        **{f"s{p}": f"coalesce({row}.ms{p}, 0)" for p in POSITIONS},
    }
    return ", ".join(f"{sign}{values[c]}" for c in columns)


def _upsert(columns: tuple[str, ...]) -> str:
    sets = ", ".join(f"{c} = {c} + excluded.{c}" for c in columns)
    return f"ON CONFLICT (day) DO UPDATE SET {sets}"


def _add(row: str, sign: str, columns: tuple[str, ...] = _VECTOR) -> str:
    """Statements adding (sign '') or taking away (sign '-') `row` from its `lo` day."""
    statements = f"""
    INSERT INTO progress_days (day, {", ".join(columns)})
    VALUES (substr({row}.lo, 1, 10), {_vector(row, sign, columns)}) {_upsert(columns)};"""
    return statements + (_tidy(f"substr({row}.lo, 1, 10)") if sign else "")


# A new lead with nothing logged yet (an import's): its day's lead and furthest step only.
_BARE = "NEW.logged_at IS NULL AND NEW.arrived_pos = 0"
_BARE_SUMS = ("leads", *(f"f{p}" for p in POSITIONS))


def _add_logged(row: str, sign: str) -> str:
    """Statements adding or taking away `row`'s last interaction from its day."""
    statements = f"""
    INSERT INTO progress_days (day, logged) SELECT substr({row}.logged_at, 1, 10), {sign}1
    WHERE {row}.logged_at IS NOT NULL {_upsert(("logged",))};"""
    return statements + (_tidy(f"substr({row}.logged_at, 1, 10)") if sign else "")


def _tidy(day: str) -> str:
    """A day no lead counts on any more has no row (as a rebuild leaves it)."""
    return f"""
    DELETE FROM progress_days WHERE day = {day} AND leads = 0 AND logged = 0;"""


def _set_arrivals(lead: str) -> str:
    return f"""
    UPDATE lead_progress SET (arrived_pos, {_MS}) = ({_arrivals(lead)})
    WHERE lead_id = {lead};"""


def _set_logged(lead: str) -> str:
    return f"""
    UPDATE lead_progress SET logged_at = {_logged(lead)} WHERE lead_id = {lead};"""


def _build() -> str:
    """The statement that inserts every lead's row."""
    return f"""
INSERT INTO lead_progress ({_COLUMNS})
SELECT l.id, l.created_at, {position("l.step")}, l.step_entered_at, {_logged("l.id")},
    coalesce(a.arrived_pos, 0), {", ".join(f"a.ms{p}" for p in POSITIONS)}
FROM leads l LEFT JOIN (
    SELECT s.lead_id, {_moves()} FROM step_arrivals s GROUP BY s.lead_id
) a ON a.lead_id = l.id ORDER BY l.id"""


def _sum_days(leads: str = "", sign: str = "") -> tuple[str, str]:
    """The statements adding (taking away) the leads `leads` (SQL on `lead_id`) selects to
    (from) the day sums; all of them without."""
    only = f" AND {leads}" if leads else ""
    vector = ", ".join(
        f"{sign}{e}"
        for e in (
            "count(*)",
            *(f"count(CASE WHEN furthest = {p} THEN 1 END)" for p in POSITIONS),
            *(f"count(ms{p})" for p in POSITIONS),
            *(f"coalesce(sum(ms{p}), 0)" for p in POSITIONS),
        )
    )
    return (
        f"INSERT INTO progress_days (day, {', '.join(_VECTOR)}) "
        f"SELECT substr(lo, 1, 10), {vector} FROM lead_progress WHERE true{only} "
        f"GROUP BY 1 {_upsert(_VECTOR)}",
        "INSERT INTO progress_days (day, logged) "
        f"SELECT substr(logged_at, 1, 10), {sign}count(*) FROM lead_progress "
        f"WHERE logged_at IS NOT NULL{only} GROUP BY 1 {_upsert(('logged',))}",
    )


# A bulk insert of interactions (store.derived_tables): the triggers its rows and the rebuild
# of step_arrivals would set off, and the statements that bring the new rows' leads up to date
# (after step_arrivals' own rebuild).
TRIGGERS_ON_INSERT = (
    "lead_progress_logged_insert",
    "lead_progress_arrivals_insert",
    "lead_progress_arrivals_update",
    "lead_progress_arrivals_delete",
    "progress_days_update",
    "progress_days_logged",
)
_NEW_ROWS_LEADS = (
    "lead_id IN (SELECT lead_id FROM interactions WHERE rowid BETWEEN :first AND :last)"
)
REBUILD_NEW_ROWS = (
    *_sum_days(_NEW_ROWS_LEADS, "-"),
    f"UPDATE lead_progress SET logged_at = {_logged('lead_progress.lead_id')}, "
    f"(arrived_pos, {_MS}) = ({_arrivals('lead_progress.lead_id')}) WHERE {_NEW_ROWS_LEADS}",
    *_sum_days(_NEW_ROWS_LEADS),
    "DELETE FROM progress_days WHERE leads = 0 AND logged = 0",
)

_CHANGED = " OR ".join(
    [
        "substr(OLD.lo, 1, 10) IS NOT substr(NEW.lo, 1, 10)",
        "OLD.furthest IS NOT NEW.furthest",
        *(f"OLD.ms{p} IS NOT NEW.ms{p}" for p in POSITIONS),
    ]
)


_SUM_EVERY_DAY = ";\n".join(_sum_days())


def migration() -> str:
    return f"""
CREATE TABLE lead_progress (
    lead_id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    step_pos INTEGER NOT NULL,
    step_at TEXT NOT NULL,
    logged_at TEXT,
    arrived_pos INTEGER NOT NULL,
    {", ".join(f"ms{p} INTEGER" for p in POSITIONS)},
    lo TEXT GENERATED ALWAYS AS (max(coalesce(logged_at, ''), created_at)) VIRTUAL,
    hi TEXT GENERATED ALWAYS AS (max(coalesce(logged_at, ''), created_at, step_at)) VIRTUAL,
    furthest INTEGER GENERATED ALWAYS AS (max(1, arrived_pos, step_pos)) VIRTUAL
);
CREATE TABLE progress_days (
    day TEXT PRIMARY KEY,
    {", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in SUMS)}
) WITHOUT ROWID;{_build()};
{_SUM_EVERY_DAY};
CREATE INDEX lead_progress_lo ON lead_progress (lo);
CREATE INDEX lead_progress_late ON lead_progress (lo, hi) WHERE hi > lo;
CREATE TRIGGER lead_progress_lead_insert AFTER INSERT ON leads
BEGIN
    INSERT INTO lead_progress (lead_id, created_at, step_pos, step_at, arrived_pos)
    VALUES (NEW.id, NEW.created_at, {position("NEW.step")}, NEW.step_entered_at, 0);
    -- A restore that deferred its foreign keys may have put the lead's log in first.
    UPDATE lead_progress SET logged_at = {_logged("NEW.id")},
        (arrived_pos, {_MS}) = ({_arrivals("NEW.id")})
    WHERE lead_id = NEW.id AND EXISTS (SELECT 1 FROM interactions WHERE lead_id = NEW.id);
END;
CREATE TRIGGER lead_progress_lead_update AFTER UPDATE OF step, step_entered_at, created_at ON leads
WHEN OLD.step IS NOT NEW.step OR OLD.step_entered_at IS NOT NEW.step_entered_at
    OR OLD.created_at IS NOT NEW.created_at
BEGIN
    UPDATE lead_progress SET created_at = NEW.created_at, step_pos = {position("NEW.step")},
        step_at = NEW.step_entered_at WHERE lead_id = NEW.id;
END;
CREATE TRIGGER lead_progress_lead_delete AFTER DELETE ON leads
BEGIN
    DELETE FROM lead_progress WHERE lead_id = OLD.id;
END;
CREATE TRIGGER lead_progress_logged_insert AFTER INSERT ON interactions
BEGIN
    UPDATE lead_progress SET logged_at = NEW.at
    WHERE lead_id = NEW.lead_id AND (logged_at IS NULL OR logged_at < NEW.at);
END;
CREATE TRIGGER lead_progress_logged_update AFTER UPDATE OF lead_id, at ON interactions
WHEN OLD.lead_id IS NOT NEW.lead_id OR OLD.at IS NOT NEW.at
BEGIN{_set_logged("OLD.lead_id")}{_set_logged("NEW.lead_id")}
END;
CREATE TRIGGER lead_progress_logged_delete AFTER DELETE ON interactions
BEGIN{_set_logged("OLD.lead_id")}
END;
CREATE TRIGGER lead_progress_arrivals_insert AFTER INSERT ON step_arrivals
BEGIN{_set_arrivals("NEW.lead_id")}
END;
CREATE TRIGGER lead_progress_arrivals_update AFTER UPDATE ON step_arrivals
BEGIN{_set_arrivals("NEW.lead_id")}
END;
CREATE TRIGGER lead_progress_arrivals_delete AFTER DELETE ON step_arrivals
BEGIN{_set_arrivals("OLD.lead_id")}
END;
CREATE TRIGGER progress_days_insert AFTER INSERT ON lead_progress WHEN NOT ({_BARE})
BEGIN{_add("NEW", "")}{_add_logged("NEW", "")}
END;
CREATE TRIGGER progress_days_insert_bare AFTER INSERT ON lead_progress WHEN {_BARE}
BEGIN{_add("NEW", "", _BARE_SUMS)}
END;
CREATE TRIGGER progress_days_update AFTER UPDATE ON lead_progress WHEN {_CHANGED}
BEGIN{_add("OLD", "-")}{_add("NEW", "")}
END;
CREATE TRIGGER progress_days_logged AFTER UPDATE OF logged_at ON lead_progress
WHEN substr(OLD.logged_at, 1, 10) IS NOT substr(NEW.logged_at, 1, 10)
BEGIN{_add_logged("OLD", "-")}{_add_logged("NEW", "")}
END;
CREATE TRIGGER progress_days_delete AFTER DELETE ON lead_progress
BEGIN{_add("OLD", "-")}{_add_logged("OLD", "-")}
END;
"""
