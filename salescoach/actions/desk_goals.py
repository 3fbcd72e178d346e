"""`team goal set`: the manager's quotas, one goal record per rep, metric and period.

The goal's gid is derived from (rep, metric, period), so setting it again changes the same
record (the latest target wins). Its origin is "hub": the rep's store marks it as the
manager's and refuses to change it (salescoach.store.goals).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from salescoach.actions.desk import desk_connection
from salescoach.actions.desk_assign import check_rep, push_all
from salescoach.actions.team import Prompt
from salescoach.errors import UsageError

ORIGIN = "hub"
_GOALS = uuid.UUID("7b0c2f0e-9a51-4c1e-9f57-2d6c1d6f1a10")  # namespace of the manager's goals


def goal_gid(rep: str, metric: str, period: str) -> str:
    return str(uuid.uuid5(_GOALS, f"{rep}\n{metric}\n{period}"))


def set_team_goal(
    metric: str,
    target: float,
    period: str,
    reps: Sequence[str],
    every_rep: bool,
    now: datetime,
    wall_ms: int,
    *,
    prompt: Prompt,
) -> list[str]:
    """The reps the goal was set for."""
    from salescoach.core.sync.changes import FieldValue, RowChange
    from salescoach.core.sync.clock import Stamp
    from salescoach.hub.desk_queries import current_reps

    if bool(reps) == every_rep:
        raise UsageError("name the reps with --rep NAME (repeatable), or give --all")
    with desk_connection("goal set", prompt, pushes=True) as connection:
        for rep in reps:
            check_rep(connection, rep)
        chosen = list(reps) if reps else current_reps(connection)
        if not chosen:
            raise UsageError("this hub has no reps yet", hint="`team add-rep NAME` first")
        fields: dict[str, FieldValue] = {
            "metric": metric,
            "target": target,
            "period": period,
            "created_at": now.isoformat(timespec="seconds"),
        }
        changes = [
            RowChange(
                "goals", goal_gid(rep, metric, period), None, rep, ORIGIN,
                Stamp(wall_ms, i, ORIGIN).text(), fields,
            )
            for i, rep in enumerate(chosen)
        ]  # fmt: skip
        push_all(connection, changes)
    return chosen
