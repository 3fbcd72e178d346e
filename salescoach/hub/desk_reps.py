"""Who the hub's reps are, for every desk command: kept apart from the report's query modules
(and the report's rules they import), which `team plan` does not need."""

from __future__ import annotations

from typing import Any

# The hub's reps now (members of its reps' group, named in hub_info), in one round trip.
CURRENT_REPS = """
SELECT r.rolname FROM pg_roles r, salescoach.hub_info g
 WHERE g.key = 'reps' AND pg_has_role(r.oid, g.value::name, 'MEMBER')
   AND r.rolname <> g.value AND NOT r.rolsuper
 ORDER BY r.rolname
"""


def current_reps(connection: Any) -> list[str]:
    """The hub's reps now (members of its reps' group), by name."""
    return [row[0] for row in connection.execute(CURRENT_REPS).fetchall()]
