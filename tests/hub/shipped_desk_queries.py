"""The desk's queries as they shipped before hub migration 7 (`desk_lead_facts`), read from
the wide desk tables: the reference the narrow queries are checked against."""

# ruff: noqa: E501

FUNNEL = """
WITH active AS (
    SELECT gid AS lead_gid FROM salescoach.desk_leads
     WHERE created_at >= %(start)s AND created_at < %(end)s
    UNION
    SELECT lead_gid FROM salescoach.desk_lead_spans s
     WHERE first_day < %(end)s AND last_day >= %(start)s
       AND (first_day >= %(start)s OR last_day < %(end)s
            OR EXISTS (SELECT 1 FROM salescoach.desk_interactions i
                        WHERE i.lead_gid = s.lead_gid AND i.at >= %(start)s AND i.at < %(end)s))
), firsts AS (
    SELECT s.lead_gid, CASE s.step WHEN 'prospecting' THEN 1 WHEN 'preparation' THEN 2 WHEN 'approach' THEN 3 WHEN 'presentation' THEN 4 WHEN 'objections' THEN 5 WHEN 'closing' THEN 6 WHEN 'follow_up' THEN 7 ELSE 0 END AS pos, s.first_time,
           CASE WHEN s.next_at < %(end)s THEN s.next_time END AS next_time
      FROM salescoach.desk_lead_steps s JOIN active a ON a.lead_gid = s.lead_gid
     WHERE s.first_at < %(end)s
), logged AS (
    SELECT lead_gid, max(pos) AS pos FROM firsts GROUP BY lead_gid
), furthest AS (
    SELECT o.owner, greatest(1, coalesce(g.pos, 0),
           CASE WHEN l.step_entered_at < %(end)s THEN CASE l.step WHEN 'prospecting' THEN 1 WHEN 'preparation' THEN 2 WHEN 'approach' THEN 3 WHEN 'presentation' THEN 4 WHEN 'objections' THEN 5 WHEN 'closing' THEN 6 WHEN 'follow_up' THEN 7 ELSE 0 END
                ELSE 0 END) AS pos
      FROM active a JOIN salescoach.desk_leads l ON l.gid = a.lead_gid
      JOIN salescoach.lead_owners o ON o.lead_gid = a.lead_gid
      LEFT JOIN logged g ON g.lead_gid = a.lead_gid
), moves AS (
    SELECT lead_gid, pos, extract(epoch FROM next_time - first_time) / 86400 AS days
      FROM firsts WHERE pos > 0 AND first_time IS NOT NULL
)
SELECT owner, 'furthest', pos, count(*), NULL FROM furthest GROUP BY owner, pos
UNION ALL
SELECT o.owner, 'moved', m.pos, count(*), sum(m.days) FROM moves m
  JOIN salescoach.lead_owners o ON o.lead_gid = m.lead_gid
 WHERE m.days IS NOT NULL GROUP BY o.owner, m.pos
"""

LEADS = """
SELECT o.owner,
  count(*) FILTER (WHERE l.status = 'open') AS open_leads,
  count(*) FILTER (WHERE l.created_at >= %(start)s AND l.created_at < %(end)s) AS new_leads,
  count(*) FILTER (WHERE l.first_contact_at >= %(start)s AND l.first_contact_at < %(end)s)
    AS contacts,
  count(*) FILTER (WHERE l.status = 'open'
                     AND left(coalesce(l.last_interaction_at, l.created_at), 10) < %(stale)s)
    AS stale,
  count(*) FILTER (WHERE sla AND left(l.first_contact_at, 10) <= left(l.sla_due, 10)) AS sla_met,
  count(*) FILTER (WHERE sla AND left(l.first_contact_at, 10) > left(l.sla_due, 10)) AS sla_late,
  count(*) FILTER (WHERE sla AND l.first_contact_at IS NULL AND left(l.sla_due, 10) < %(today)s)
    AS sla_missed
FROM (SELECT *, (sla_due >= %(start)s AND sla_due < %(end)s) AS sla FROM salescoach.desk_leads)
     l JOIN salescoach.lead_owners o ON o.lead_gid = l.gid
GROUP BY o.owner
"""

OUTCOMES = """
SELECT d.owner, d.result,
       CASE WHEN d.result = 'lost' THEN nullif(lower(btrim(l.status_reason)), '') END, count(*)
  FROM (SELECT DISTINCT ON (lead_gid) lead_gid, owner, result FROM salescoach.desk_interactions
         WHERE at >= %(start)s AND at < %(end)s AND result IN ('won', 'lost', 'no_decision')
         ORDER BY lead_gid, at DESC, gid DESC) d
  LEFT JOIN salescoach.desk_leads l ON l.gid = d.lead_gid AND d.result = 'lost'
 GROUP BY 1, 2, 3
"""

PIPELINE = """
SELECT o.owner, l.step, count(*), count(a.deal_value), coalesce(sum(a.deal_value), 0)
  FROM salescoach.desk_leads l JOIN salescoach.lead_owners o ON o.lead_gid = l.gid
  LEFT JOIN salescoach.desk_answers a ON a.lead_gid = l.gid AND a.field = 'deal_value'
        AND a.deal_value IS NOT NULL AND NOT a.removed
 WHERE l.status = 'open' GROUP BY o.owner, l.step
"""

SLA = """SELECT l.gid, l.name, l.company, o.owner, left(l.sla_due, 10) AS day FROM salescoach.desk_leads l JOIN salescoach.lead_owners o ON o.lead_gid = l.gid WHERE l.status = 'open' AND l.first_contact_at IS NULL AND left(l.sla_due, 10) <= %(soon)s ORDER BY day, l.name"""

STALE = """SELECT gid, name, company, owner, day, stale FROM (SELECT l.gid, l.name, l.company, o.owner, left(coalesce(l.last_interaction_at, l.created_at), 10) AS day, count(*) OVER (PARTITION BY o.owner) AS stale, row_number() OVER (PARTITION BY o.owner ORDER BY left(coalesce(l.last_interaction_at, l.created_at), 10), l.name, l.gid) AS place FROM salescoach.desk_leads l JOIN salescoach.lead_owners o ON o.lead_gid = l.gid WHERE l.status = 'open' AND left(coalesce(l.last_interaction_at, l.created_at), 10) < %(stale)s) s WHERE place <= %(listed)s ORDER BY owner, day, name, gid"""

UNASSIGNED = """SELECT l.gid, l.name, l.company, o.owner, left(coalesce(l.last_interaction_at, l.created_at), 10) AS day FROM salescoach.desk_leads l JOIN salescoach.lead_owners o ON o.lead_gid = l.gid WHERE l.status = 'open' AND o.owner <> ALL(%(reps)s) ORDER BY l.name"""
