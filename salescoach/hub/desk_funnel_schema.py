"""Hub migration 7: the funnel of `team report` read from one row per lead.

Migration 3 keeps each lead-step's first arrival and the next step the lead reached
(`desk_lead_steps`); a report still grouped those 300,000 lead-steps of a 50-rep team per
lead. Now each lead's row in `desk_lead_spans` also keeps what the funnel needs of them:

- `logged_pos`: the furthest playbook position the lead logged anything at (0: no known step);
- `last_step_at`: the latest first arrival among its steps; a period ending after it sees
  every step and every move of the lead, so the row alone answers for it (any other period
  falls back to the lead-steps, exactly as before);
- `step_days`: per playbook position, the days from first reaching that step to first
  reaching the next one (null: it did not move on), as numeric so sums stay exact.

The same trigger as migration 3's roll-ups keeps them: after its statements, each lead of the
batch has its row recomputed from its lead-steps (a few rows per lead).
"""

from __future__ import annotations

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.hub.desk_report_schema import STEP_POSITION, _rollup_statements

_DAYS = "extract(epoch FROM next_time - first_time) / 86400"
_STEP_DAYS = (
    "ARRAY["
    + ", ".join(f"max({_DAYS}) FILTER (WHERE step = '{step}')" for step in STEP_IDS)
    + "]::numeric[]"
)

_COLUMNS = """
ALTER TABLE salescoach.desk_lead_spans
    ADD COLUMN logged_pos integer,
    ADD COLUMN last_step_at text,
    ADD COLUMN step_days numeric[];
"""


def _refresh(leads: str) -> str:
    """Recompute the funnel columns of the leads `leads` (a query of lead gids) selects."""
    return f"""
UPDATE salescoach.desk_lead_spans s
   SET logged_pos = f.logged_pos, last_step_at = f.last_step_at, step_days = f.step_days
  FROM (SELECT lead_gid, max({STEP_POSITION.format(column="step")}) AS logged_pos,
               max(first_at) AS last_step_at, {_STEP_DAYS} AS step_days
          FROM salescoach.desk_lead_steps
         WHERE lead_gid IN ({leads})
         GROUP BY lead_gid) f
 WHERE s.lead_gid = f.lead_gid;
"""


def migration() -> str:
    batch = "SELECT lead_gid FROM new_rows WHERE lead_gid IS NOT NULL AND step IS NOT NULL"
    return f"""{_COLUMNS}
CREATE OR REPLACE FUNCTION salescoach.desk_apply_rollups() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = salescoach, pg_temp AS $desk$
BEGIN
{_rollup_statements("new_rows")}
{_refresh(batch)}
    RETURN NULL;
END
$desk$;
{_refresh("SELECT lead_gid FROM salescoach.desk_lead_steps")}
"""
