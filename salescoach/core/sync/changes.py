"""What a replica and the hub exchange: row changes stamped with a hybrid logical clock.

This module is the contract between the local side (store/actions: what changed here, applying
what came from the hub) and the hub adapter (salescoach/hub: PostgreSQL). Neither side imports
the other; both speak in `RowChange`s through a `HubSession`.

Merging is a property of the change, not of the order it arrives in, so every replica that has
seen the same set of changes holds the same rows:

- Event tables (`EVENT_TABLES`) are append-only: a change carries the whole row once; replicas
  merge by union on `gid` and never rewrite it.
- Record tables (`RECORD_TABLES`) merge field by field: each change carries only the fields it
  set, all stamped with its `hlc`; for each field the change with the greatest `hlc` wins (ties
  cannot happen: an hlc ends with its origin). Ending a record (archive, drop, cancel, close) is
  a field change like any other (a tombstone), never a delete.

Two record tables come from the manager's desk (local M006, hub migration 4), both with no
lead (`lead_gid` None) and written first by the manager (origin "hub"):

- `assignments`: a drill the manager assigned to one rep (`owner`: that rep). The rep reads
  their own; the rep's changes may set only the outcome fields (`ASSIGNMENT_OUTCOME`) of an
  assignment the manager made for them; a rep never creates one.
- `playbooks`: one record per published playbook version (name, version number, YAML text).
  Every rep reads all of them; only a manager writes them.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

# JSON-representable field values (what a change carries for one column).
FieldValue = str | int | float | bool | None

RecordTable = Literal["leads", "tasks", "answers", "sessions", "goals", "assignments", "playbooks"]
EventTable = Literal["interactions", "training"]
SyncedTable = RecordTable | EventTable

RECORD_TABLES: tuple[RecordTable, ...] = (
    "leads", "tasks", "answers", "sessions", "goals", "assignments", "playbooks",
)  # fmt: skip
EVENT_TABLES: tuple[EventTable, ...] = ("interactions", "training")
# The fields of an assignment its rep may change (doing the drill); the rest are the manager's.
ASSIGNMENT_OUTCOME = ("status", "done_at", "score", "max_score", "result")


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row's change, as pushed by the replica that made it and pulled by the others."""

    table: SyncedTable
    gid: str  # the row's global id (a UUID, text), the same on every replica and the hub
    # The lead the row belongs to (a lead: its own gid; None for goals, training); RLS keys on it.
    lead_gid: str | None
    owner: str  # the rep (hub role name) the row belongs to
    origin: str  # the replica (a data home's UUID, or "hub" for the manager's writes)
    hlc: str  # hybrid logical clock: fixed-width text that sorts as the clock does
    fields: Mapping[str, FieldValue]  # event: the whole row; record: the fields this change set


@dataclass(frozen=True, slots=True)
class PullBatch:
    """Changes the hub holds that the replica has not seen, and where to resume."""

    changes: Sequence[RowChange]
    cursor: str  # opaque to the replica; handed back on the next pull
    more: bool  # True when the hub has more after this batch


class HubSession(Protocol):
    """One open connection to the hub, as one rep (or the manager)."""

    @property
    def rep(self) -> str:
        """The role this session acts as."""
        ...

    def push(self, changes: Sequence[RowChange]) -> Sequence[RowChange]:
        """Store the changes; idempotent (a change seen before is ignored), one transaction.

        Returns the changes the hub refused, in the order given; the others are committed.
        A rep's change is refused when it belongs to another rep (its `owner`, or the lead it
        belongs to is owned by another rep now: the lead was reassigned), or when it sets a
        lead's `owner` field to anyone but the rep (only a manager reassigns), or when it is
        a playbook, or an assignment a manager did not make for the rep, or one setting
        fields beyond `ASSIGNMENT_OUTCOME`; a manager's
        when it gives a lead to no one or to a role that is not of the hub. A refused
        change is never stored; the caller keeps it and reports it.
        """
        ...

    def pull(self, cursor: str | None, limit: int) -> PullBatch:
        """Changes visible to this rep after `cursor` (None: from the beginning)."""
        ...
