"""What the report's period figures count, kept by triggers so that none of them has to find
distinct leads or lead-days among a period's rows (store.report_queries, store.goals).

In SQLite a DISTINCT or a GROUP BY over a period's rows sorts them: at 100,000 leads a
quarter holds 380,000 interactions, and each such sort cost 0.2-1 s of CPU where reading the
rows costs 40 ms. So the counts become plain range counts:

- `interaction_marks`, one row per interaction: its lead, day, step and channel, and the day
  of the lead's previous interaction (`lead_prev`) and of its previous one at the same step
  and channel (`pair_prev`), "previous" in (at, id) order. The leads with anything logged in
  the days `[start, end)` are the rows in that range whose previous one is before `start` (or
  none): exactly one row per lead, so counting them counts the leads, and the same per step
  and channel through `pair_prev`. A period's bounds are days (local ISO dates, and a stamp
  compares with one as its first ten characters do), so days are all the marks keep.
- `interaction_pairs`: every (step, channel) ever logged (never removed: a pair with no rows
  in a period gives no row), so activity by step and channel seeks each pair's range of
  `interaction_marks_pair` in turn instead of grouping the period.
- `lead_days`: how many interactions each lead logged each day that count for a goal metric
  (calls, meetings, e-mails, proposals): the metric's lead-days in a period are the rows of
  its days, a range of the primary key. The metrics' definitions are written into the
  triggers when the migration runs, so a change to one needs a migration (a property test
  compares every figure with the query over the log it replaces).
- `objection_days`: how many objections were logged each day by family and result: a
  period's objections are its days' few rows, not its 40% of the log.

Triggers keep all three (built-in SQL only, like step_arrivals'), whoever writes the log: a
command, the sync's pull (which also updates and removes rows), a restore, a lead merge, an
undo. An interaction inserted, moved or removed changes the marks of at most itself and the
rows right after its old and new place in each of its two chains, each found by an index
seek on `interactions`. It is derived data: not exported (a restore rebuilds it as the
interactions go in; the migration builds it set-based for an older store).
"""

from __future__ import annotations

# The goal metrics counted in lead-days (salescoach.core.reporting.goals), as conditions on an
# interaction row `{r}`: the report used to count DISTINCT (lead_id, day) over these.
LEAD_DAY_METRICS = {
    "calls": "{r}.channel = 'call'",
    "meetings": "{r}.channel = 'meeting'",
    "emails": "{r}.channel = 'email'",
    "proposals": "{r}.step = 'presentation' AND {r}.channel IS NOT NULL",
}

# The two chains: the lead's interactions, and its interactions at one step and channel.
_CHAINS = {
    "lead_prev": "",
    "pair_prev": " AND i.step IS {r}.step AND i.channel IS {r}.channel",
}


def _before(r: str, chain: str) -> str:
    """The day of the interaction before `r` (a row with id, lead_id, at, step, channel) in
    `chain`, from the log."""
    return (
        f"(SELECT substr(max(i.at), 1, 10) FROM interactions i WHERE i.lead_id = {r}.lead_id"
        f"{_CHAINS[chain].format(r=r)} AND (i.at < {r}.at OR (i.at = {r}.at AND i.id < {r}.id)))"
    )


def _after(r: str, chain: str) -> str:
    """The id of the interaction after `r`'s place in `chain`, in the log as it is now."""
    return (
        f"(SELECT i.id FROM interactions i WHERE i.lead_id = {r}.lead_id"
        f"{_CHAINS[chain].format(r=r)} AND (i.at > {r}.at OR (i.at = {r}.at AND i.id > {r}.id))"
        f" AND i.id != {r}.id ORDER BY i.at, i.id LIMIT 1)"
    )


def _remark(r: str) -> str:
    """Statements that set the marks of the rows after `r`'s place in each chain afresh."""
    return "".join(
        f"""
    UPDATE interaction_marks SET {chain} = (
        SELECT {_before("n", chain)} FROM interactions n WHERE n.id = interaction_marks.id
    ) WHERE id = {_after(r, chain)};"""
        for chain in _CHAINS
    )


def _mark(r: str) -> str:
    return f"""
    INSERT INTO interaction_marks (id, lead_id, day, step, channel, lead_prev, pair_prev)
    VALUES ({r}.id, {r}.lead_id, substr({r}.at, 1, 10), {r}.step, {r}.channel,
            {_before(r, "lead_prev")}, {_before(r, "pair_prev")});
    INSERT INTO interaction_pairs (step, channel) SELECT {r}.step, {r}.channel
    WHERE NOT EXISTS (
        SELECT 1 FROM interaction_pairs WHERE step IS {r}.step AND channel IS {r}.channel);"""


def _metrics_of(r: str) -> str:
    """The lead-day metrics interaction `r` counts for, as rows of (metric)."""
    return " UNION ALL ".join(
        f"SELECT '{metric}' AS metric WHERE {condition.format(r=r)}"
        for metric, condition in LEAD_DAY_METRICS.items()
    )


def _count_day(r: str) -> str:
    return f"""
    INSERT INTO lead_days (metric, day, lead_id, n)
    SELECT metric, substr({r}.at, 1, 10), {r}.lead_id, 1 FROM ({_metrics_of(r)}) WHERE true
    ON CONFLICT (metric, day, lead_id) DO UPDATE SET n = n + 1;"""


def _uncount_day(r: str) -> str:
    key = f"metric IN ({_metrics_of(r)}) AND day = substr({r}.at, 1, 10) AND lead_id = {r}.lead_id"
    return f"""
    UPDATE lead_days SET n = n - 1 WHERE {key};
    DELETE FROM lead_days WHERE {key} AND n <= 0;"""


_OBJECTION_KEY = "day = substr({r}.at, 1, 10) AND family IS {r}.objection AND result IS {r}.result"


def _count_objection(r: str) -> str:
    key = _OBJECTION_KEY.format(r=r)
    return f"""
    INSERT INTO objection_days (day, family, result, n)
    SELECT substr({r}.at, 1, 10), {r}.objection, {r}.result, 0
    WHERE {r}.kind = 'objection' AND NOT EXISTS (SELECT 1 FROM objection_days WHERE {key});
    UPDATE objection_days SET n = n + 1 WHERE {r}.kind = 'objection' AND {key};"""


def _uncount_objection(r: str) -> str:
    key = _OBJECTION_KEY.format(r=r)
    return f"""
    UPDATE objection_days SET n = n - 1 WHERE {r}.kind = 'objection' AND {key};
    DELETE FROM objection_days WHERE {r}.kind = 'objection' AND {key} AND n <= 0;"""


def _marks_of(where: str) -> str:
    """The marks of the interactions of the leads `where` selects, built from the log."""
    return f"""
INSERT INTO interaction_marks (id, lead_id, day, step, channel, lead_prev, pair_prev)
SELECT id, lead_id, substr(at, 1, 10), step, channel,
       substr(lag(at) OVER (PARTITION BY lead_id ORDER BY at, id), 1, 10),
       substr(lag(at) OVER (PARTITION BY lead_id, step, channel ORDER BY at, id), 1, 10)
FROM interactions WHERE {where} ORDER BY id"""


def _metric_rows(where: str) -> str:
    return " UNION ALL ".join(
        f"SELECT '{metric}' AS metric, substr(at, 1, 10) AS day, lead_id FROM interactions "
        f"WHERE ({where}) AND {condition.format(r='interactions')}"
        for metric, condition in LEAD_DAY_METRICS.items()
    )


# A bulk insert (store.derived_tables): the marks of every lead that got new rows built again
# from its whole log (a new row may sit before older ones), the new rows' pairs, lead-days and
# objections added up.
TRIGGERS_ON_INSERT = ("interaction_marks_insert",)
_NEW = "rowid BETWEEN :first AND :last"
_NEW_LEADS = f"lead_id IN (SELECT lead_id FROM interactions WHERE {_NEW})"
REBUILD_NEW_ROWS = (
    f"DELETE FROM interaction_marks WHERE id IN (SELECT id FROM interactions WHERE {_NEW_LEADS})",
    _marks_of(_NEW_LEADS),
    f"""INSERT INTO interaction_pairs (step, channel)
    SELECT DISTINCT step, channel FROM interactions n WHERE {_NEW} AND NOT EXISTS (
        SELECT 1 FROM interaction_pairs p WHERE p.step IS n.step AND p.channel IS n.channel)""",
    f"""INSERT INTO lead_days (metric, day, lead_id, n)
    SELECT metric, day, lead_id, count(*) FROM ({_metric_rows(_NEW)}) WHERE true GROUP BY 1, 2, 3
    ON CONFLICT (metric, day, lead_id) DO UPDATE SET n = n + excluded.n""",
    f"""INSERT INTO objection_days (day, family, result, n)
    SELECT DISTINCT substr(at, 1, 10), objection, result, 0 FROM interactions n
    WHERE {_NEW} AND kind = 'objection' AND NOT EXISTS (
        SELECT 1 FROM objection_days o WHERE o.day = substr(n.at, 1, 10)
        AND o.family IS n.objection AND o.result IS n.result)""",
    f"""UPDATE objection_days SET n = n + (
        SELECT count(*) FROM interactions WHERE {_NEW} AND kind = 'objection'
        AND substr(at, 1, 10) = objection_days.day AND objection IS objection_days.family
        AND result IS objection_days.result)
    WHERE day IN (
        SELECT substr(at, 1, 10) FROM interactions WHERE {_NEW} AND kind = 'objection')""",
)


def migration() -> str:
    return f"""
CREATE TABLE interaction_marks (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    step TEXT,
    channel TEXT,
    lead_prev TEXT,
    pair_prev TEXT
);
{_marks_of("true")};
CREATE INDEX interaction_marks_pair ON interaction_marks (step, channel, day, pair_prev);
CREATE INDEX interaction_marks_period ON interaction_marks (day, lead_prev, lead_id);
CREATE TABLE interaction_pairs (step TEXT, channel TEXT);
INSERT INTO interaction_pairs (step, channel)
SELECT DISTINCT step, channel FROM interactions ORDER BY step, channel;
CREATE TABLE lead_days (
    metric TEXT NOT NULL,
    day TEXT NOT NULL,
    lead_id INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (metric, day, lead_id)
) WITHOUT ROWID;
INSERT INTO lead_days (metric, day, lead_id, n)
SELECT metric, day, lead_id, count(*) FROM ({
        _metric_rows("true")
    }) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
CREATE TABLE objection_days (day TEXT NOT NULL, family TEXT, result TEXT, n INTEGER NOT NULL);
INSERT INTO objection_days (day, family, result, n)
SELECT substr(at, 1, 10), objection, result, count(*) FROM interactions
WHERE kind = 'objection' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
CREATE INDEX objection_days_period ON objection_days (day, family, result, n);
CREATE TRIGGER interaction_marks_insert AFTER INSERT ON interactions
BEGIN{_mark("NEW")}{_remark("NEW")}{_count_day("NEW")}{_count_objection("NEW")}
END;
CREATE TRIGGER interaction_marks_update AFTER UPDATE OF id, lead_id, at, step, channel
ON interactions
BEGIN
    DELETE FROM interaction_marks WHERE id = OLD.id;{_mark("NEW")}{_remark("OLD")}{_remark("NEW")}{
        _uncount_day("OLD")
    }{_count_day("NEW")}
END;
CREATE TRIGGER interaction_marks_delete AFTER DELETE ON interactions
BEGIN
    DELETE FROM interaction_marks WHERE id = OLD.id;{_remark("OLD")}{_uncount_day("OLD")}{
        _uncount_objection("OLD")
    }
END;
CREATE TRIGGER objection_days_update AFTER UPDATE OF at, kind, objection, result ON interactions
BEGIN{_uncount_objection("OLD")}{_count_objection("NEW")}
END;
"""
