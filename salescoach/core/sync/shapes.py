"""The shapes of `sync --json` and `team status --json`.

Only TypedDicts: the commands import this for type checking only; core/published.py imports it
to generate the schemas.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count


class SyncJSON(TypedDict):
    """What one sync did: `sync --json`."""

    schema: Literal["sync"]
    version: Literal[1]
    rep: str
    pushed: Count  # changes the hub took
    refused: Count  # changes the hub refused this time (kept here, reported, not resent)
    pulled: Count  # pulled changes that changed this store (the replica's own coming back do not)
    parked: Count  # pulled changes waiting for their lead to arrive
    rejected: Count  # pulled changes that failed the row checks: kept here, never applied
    pending: Count  # rows changed here and not on the hub yet (written during the sync)


class TeamStatusJSON(TypedDict):
    """This data home's hub and what waits: `team status --json` (reads no network)."""

    schema: Literal["team-status"]
    version: Literal[1]
    joined: bool
    hub: str | None  # the URL or conninfo recorded, never with a password
    rep: str | None
    replica: str | None
    last_sync_at: str | None  # ISO 8601; null: never synced
    pending: Count
    refused: Count  # changes the hub refused, kept in the local outbox
    parked: Count
    rejected: Count  # pulled changes that failed the row checks: kept here, never applied
