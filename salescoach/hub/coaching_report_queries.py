"""What `team report --by-playbook-version` reads from the hub, as a manager; the figures
are defined in salescoach.core.team.by_version.

Walk sessions are read from the feed (their first change carries the whole row, the
playbook and its version included), outcomes and step arrivals from the desk's interactions.
"""

from __future__ import annotations

from typing import Any

from salescoach.core.kernel.periods import Span
from salescoach.core.team.by_version import DECISIVE, Walked

_WALKS = """
SELECT lead_gid, playbook, playbook_version, started_at FROM (
  SELECT gid, min(lead_gid) AS lead_gid,
    (array_agg(fields ->> 'playbook' ORDER BY hlc COLLATE "C" DESC)
       FILTER (WHERE fields ? 'playbook'))[1] AS playbook,
    (array_agg(fields ->> 'playbook_version' ORDER BY hlc COLLATE "C" DESC)
       FILTER (WHERE fields ? 'playbook_version'))[1] AS playbook_version,
    (array_agg(fields ->> 'started_at' ORDER BY hlc COLLATE "C" DESC)
       FILTER (WHERE fields ? 'started_at'))[1] AS started_at
  FROM salescoach.feed WHERE tbl = 'sessions' GROUP BY gid
) s WHERE started_at >= %(start)s AND started_at < %(end)s AND lead_gid IS NOT NULL
"""
_RESULTS = """
SELECT DISTINCT ON (lead_gid) lead_gid, result FROM salescoach.desk_interactions
 WHERE lead_gid = ANY(%(leads)s) AND result = ANY(%(decisive)s)
   AND at >= %(start)s AND at < %(end)s
 ORDER BY lead_gid, at DESC
"""
_ARRIVALS = """
SELECT lead_gid, step, min(at) FROM salescoach.desk_interactions
 WHERE lead_gid = ANY(%(leads)s) AND step IS NOT NULL AND at < %(end)s
 GROUP BY lead_gid, step
"""


def version_rows(
    connection: Any, span: Span
) -> tuple[list[Walked], dict[str, str], dict[str, dict[str, str]]]:
    params: dict[str, Any] = {
        "start": span.start.isoformat(),
        "end": span.end_exclusive.isoformat(),
        "decisive": list(DECISIVE),
    }
    walks = [
        Walked(lead, playbook or "?", version, started)
        for lead, playbook, version, started in connection.execute(_WALKS, params).fetchall()
    ]
    params["leads"] = sorted({w.lead_gid for w in walks})
    results = dict(connection.execute(_RESULTS, params).fetchall())
    arrivals: dict[str, dict[str, str]] = {}
    for lead, step, at in connection.execute(_ARRIVALS, params).fetchall():
        arrivals.setdefault(lead, {})[step] = at
    return walks, results, arrivals
