"""Hub migration 11: `team plan`'s SLA lists read in the order the plan shows them.

The plan lists the oldest few SLA breaches and leads about to breach, by day, name and id
compared by code point (`COLLATE "C"`, as Python compares them). The index of migration 10
held those leads in the database's collation, so each list sorted all of them: 20,000
breaches on a 50-rep team, read twice. This index holds them in the plan's order, so each
list reads its first rows and stops; the per-rep counts read it whole as before.

Braces are doubled: the text goes through psycopg's `sql.SQL(...).format` like every migration.
"""

from __future__ import annotations


def migration() -> str:
    return """
CREATE INDEX desk_lead_facts_sla_order ON salescoach.desk_lead_facts
    ((left(sla_due, 10)) COLLATE "C", (coalesce(name, '')) COLLATE "C", gid COLLATE "C")
    INCLUDE (owner, company, name, sla_due)
    WHERE status = 'open' AND owner IS NOT NULL AND first_contact_at IS NULL;
DROP INDEX salescoach.desk_lead_facts_sla;
"""
