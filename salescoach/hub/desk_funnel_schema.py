"""Hub migration 7: one narrow row per lead for the desk's reports (`desk_lead_facts`).

A 50-rep team's `desk_leads` is 160 MB (each lead's merged fields and their clocks, twice
typed), and the report read it whole three times, then grouped 300,000 lead-steps
(`desk_lead_steps`, migration 3) per lead for the funnel. Each lead's row here keeps only
what `team report` and `team plan` read:

- its owner now (copied from `lead_owners`; null: none yet);
- the lead's own fields (copied from `desk_leads`; `status` null: no lead row yet, only
  interactions);
- its first and last logged day (as `desk_lead_spans`);
- `logged_pos`: the furthest playbook position it logged anything at (0: no known step);
- `last_step_at`: the latest first arrival among its steps; a period ending after it sees
  every step and every move of the lead, so the row alone answers for it (the leads of a
  period ending sooner read their lead-steps, as before);
- `days_1` .. `days_7`: per playbook position, the days from first reaching that step to
  first reaching the next one (null: it did not move on), numeric so sums stay exact.

Triggers keep it, each after the one it reads from (a table's triggers fire in the order of
their names): `feed_to_lead_facts` after `feed_to_desk` (the lead's fields),
`desk_apply_rollups_to_facts` after `desk_apply_rollups` (its interactions), and two on
`lead_owners` (a lead claimed or handed over). An index lists each owner's open leads by the
day they last logged anything (`team plan`'s stale deals, a few per rep), another each
owner's first contacts (a contacts goal's count).
"""

from __future__ import annotations

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.hub.desk_report_schema import STEP_POSITION

LEAD_FIELDS = (
    "name", "company", "status", "status_reason", "step", "created_at", "step_entered_at",
    "first_contact_at", "sla_due", "last_interaction_at",
)  # fmt: skip
# A lead's last logged day (team plan's, the report's stale deals).
LAST_LOGGED = "left(coalesce(last_interaction_at, created_at), 10)"
_SPAN_AND_STEPS = ("first_day", "last_day", "logged_pos", "last_step_at")
_DAYS = "extract(epoch FROM next_time - first_time) / 86400"
# Per playbook position n, `days_n`: one column each, so a report sums plain columns.
DAYS_COLUMNS = tuple(f"days_{n}" for n in range(1, len(STEP_IDS) + 1))
_STEP_DAYS = ", ".join(
    f"max({_DAYS}) FILTER (WHERE step = '{step}') AS {column}"
    for step, column in zip(STEP_IDS, DAYS_COLUMNS, strict=True)
)
_ACTIVITY = _SPAN_AND_STEPS + DAYS_COLUMNS
_DAYS_COLUMNS = ",\n".join(f"    {column} numeric" for column in DAYS_COLUMNS)
_TEXT_COLUMNS = "".join(f"    {name} text,\n" for name in LEAD_FIELDS)
_TABLE = f"""
CREATE TABLE salescoach.desk_lead_facts (
    gid text PRIMARY KEY,
    owner text,
{_TEXT_COLUMNS}    first_day text,
    last_day text,
    logged_pos integer,
    last_step_at text,
{_DAYS_COLUMNS}
);
CREATE INDEX desk_lead_facts_stale ON salescoach.desk_lead_facts
    (owner, {LAST_LOGGED}, name, gid) WHERE status = 'open';
CREATE INDEX desk_lead_facts_contacts ON salescoach.desk_lead_facts (owner, first_contact_at)
    WHERE status IS NOT NULL;
REVOKE ALL ON salescoach.desk_lead_facts FROM PUBLIC;
GRANT SELECT ON salescoach.desk_lead_facts TO {{managers}};
"""


def _upsert(columns: tuple[str, ...], select: str) -> str:
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns)
    return f"""
INSERT INTO salescoach.desk_lead_facts AS f (gid, {", ".join(columns)})
{select}
ON CONFLICT (gid) DO UPDATE SET {updates};
"""


def _lead_fields(leads: str) -> str:
    """The fields of the leads `leads` (a query of gids) selects, from desk_leads."""
    return _upsert(
        LEAD_FIELDS,
        f"SELECT gid, {', '.join(LEAD_FIELDS)} FROM salescoach.desk_leads"
        f" WHERE gid IN ({leads}) ORDER BY gid",
    )


def _activity(leads: str) -> str:
    """The interactions' roll-ups of the leads `leads` selects, from their span and steps."""
    return _upsert(
        _ACTIVITY,
        f"""SELECT p.lead_gid, p.first_day, p.last_day, s.logged_pos, s.last_step_at,
       {", ".join(f"s.{column}" for column in DAYS_COLUMNS)}
  FROM salescoach.desk_lead_spans p LEFT JOIN (
        SELECT lead_gid, max({STEP_POSITION.format(column="step")}) AS logged_pos,
               max(first_at) AS last_step_at, {_STEP_DAYS}
          FROM salescoach.desk_lead_steps WHERE lead_gid IN ({leads}) GROUP BY lead_gid
       ) s ON s.lead_gid = p.lead_gid
 WHERE p.lead_gid IN ({leads}) ORDER BY p.lead_gid""",
    )


_OWNERS_CLAIMED = _upsert(("owner",), "SELECT lead_gid, owner FROM new_rows ORDER BY lead_gid")
_OWNERS_HANDED = """
UPDATE salescoach.desk_lead_facts f SET owner = n.owner FROM new_rows n
 WHERE f.gid = n.lead_gid AND f.owner IS DISTINCT FROM n.owner;
"""


def _trigger(name: str, table: str, body: str, event: str = "INSERT") -> str:
    return f"""
CREATE FUNCTION salescoach.{name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = salescoach, pg_temp AS $desk$
BEGIN
{body}
    RETURN NULL;
END
$desk$;
REVOKE ALL ON FUNCTION salescoach.{name}() FROM PUBLIC;
CREATE TRIGGER {name} AFTER {event} ON salescoach.{table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION salescoach.{name}();
"""


def migration() -> str:
    batch_leads = "SELECT gid FROM new_rows WHERE tbl = 'leads'"
    batch_logged = "SELECT lead_gid FROM new_rows WHERE lead_gid IS NOT NULL AND at IS NOT NULL"
    return f"""{_TABLE}
{_trigger("feed_to_lead_facts", "feed", _lead_fields(batch_leads))}
{_trigger("desk_apply_rollups_to_facts", "desk_interactions", _activity(batch_logged))}
{_trigger("lead_owners_claimed", "lead_owners", _OWNERS_CLAIMED)}
{_trigger("lead_owners_handed", "lead_owners", _OWNERS_HANDED, "UPDATE")}
{_OWNERS_CLAIMED.replace("new_rows", "salescoach.lead_owners")}
{_lead_fields("SELECT gid FROM salescoach.desk_leads")}
{_activity("SELECT lead_gid FROM salescoach.desk_lead_spans")}
"""
