"""`salescoach sync`: push what changed here, then pull what the hub has, losing nothing.

- Push: local changes are stamped once (one transaction), sent in batches, and each batch's
  outbox entries cleared only after the hub committed it; a change the hub refused (a lead
  reassigned away meanwhile) stays in the outbox, marked, and is counted, never pushed again.
- Pull: each batch is applied together with the cursor after it, in one local transaction;
  a data home's first pull of many batches, into an empty store, is one transaction for
  all of them (`store.sync_first_pull`: its indexes are built once, at the end).
- Killed anywhere, the next sync finishes the work: the hub ignores a change it already holds,
  and a batch applied twice changes nothing (events by gid, records by their fields' stamps).
- Two syncs at once (cron and a terminal) both do the same idempotent work.
Nothing here waits on the network while holding the store's write lock, except that first
pull (reading each batch ahead while the one before is applied): a store that holds
nothing yet has no other writer to keep waiting long.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING

from salescoach.core.sync.changes import HubSession
from salescoach.hub.config import TeamConfig, read_team_config
from salescoach.hub.errors import NotJoined
from salescoach.store import sync_outbox, sync_state

if TYPE_CHECKING:
    from concurrent.futures import Executor

PUSH_BATCH = 2_000
PULL_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class SyncCounts:
    pushed: int
    refused: int
    pulled: int
    parked: int
    rejected: int
    pending: int


def sync(
    conn: sqlite3.Connection,
    session: HubSession,
    *,
    replica: str,
    wall_ms: Callable[[], int],
    now: str,
) -> SyncCounts:
    """Push then pull. `replica` is this data home's id (the origin of what it pushes),
    `wall_ms` the clock the stamps start from, `now` the time recorded as the last sync."""
    sync_state.claim_unsynced_leads(conn, session.rep)
    sync_outbox.stamp_pending(conn, replica, wall_ms())
    pushed = refused = 0
    while True:
        batch = sync_outbox.outgoing(conn, session.rep, replica, PUSH_BATCH)
        if not batch.changes and not batch.stale:
            break
        turned_down = session.push(batch.changes) if batch.changes else []
        sync_outbox.clear(conn, batch, turned_down, replica)
        pushed += len(batch.changes) - len(turned_down)
        refused += len(turned_down)
    pulled = _pull(conn, session)
    sync_state.record_sync(conn, now)
    _refresh_hub_playbooks(conn)
    state = sync_state.local_state(conn)
    return SyncCounts(pushed, refused, pulled, state.parked, state.rejected, state.pending)


def _pull(conn: sqlite3.Connection, session: HubSession) -> int:
    """Pull and apply every batch; how many changes changed this store (the replica's own
    coming back change nothing). While a batch is applied the next one is already read from
    the hub, so the hub's work and the wire overlap the local writes (a pull only reads;
    each batch is still applied with its cursor in one transaction, in order)."""
    # A manager may write every lead: nothing pulled makes one read-only in their store.
    own = None if getattr(session, "is_manager", False) else session.rep
    cursor = conn.execute("SELECT cursor FROM sync_state").fetchone()[0]
    incoming = session.pull(cursor, PULL_BATCH)
    reader: Executor | None = None
    pulled = 0
    whole = False  # the whole pull in one transaction (store.sync_first_pull)
    with ExitStack() as large:  # a pull of more than one batch: tuned once, for all of it
        try:
            while True:
                ahead = None
                if incoming.more:
                    if reader is None:
                        from concurrent.futures import ThreadPoolExecutor

                        from salescoach.store import sync_first_pull
                        from salescoach.store.sync_apply import bulk_pull

                        large.enter_context(bulk_pull(conn))
                        whole = sync_first_pull.is_first_pull(conn)
                        if whole:
                            large.enter_context(sync_first_pull.whole_pull(conn))
                        # The only user of the session meanwhile; waited for (finally)
                        # before the session can be closed.
                        reader = ThreadPoolExecutor(max_workers=1)
                    ahead = reader.submit(session.pull, incoming.cursor, PULL_BATCH)
                if incoming.changes or incoming.cursor != cursor or sync_state.waiting(conn):
                    # Imported here: an idle sync (nothing pulled, nothing waiting) writes
                    # nothing and never loads the merge.
                    from salescoach.store import sync_apply

                    apply = sync_apply.apply_batch_within if whole else sync_apply.apply_batch
                    pulled += apply(conn, incoming.changes, incoming.cursor, rep=own)
                cursor = incoming.cursor
                if ahead is None:
                    return pulled
                incoming = ahead.result()
        finally:
            if reader is not None:
                reader.shutdown(wait=True)


def _refresh_hub_playbooks(conn: sqlite3.Connection) -> None:
    from salescoach.actions.hub_playbooks import refresh_hub_layer
    from salescoach.paths import hub_playbook_dir

    refresh_hub_layer(conn, hub_playbook_dir())


def joined_team() -> TeamConfig | None:
    """The recorded hub, or None; reads no network and imports no database driver."""
    return read_team_config()


def open_hub(
    password_prompt: Callable[[str], Callable[[], str] | None],
) -> tuple[TeamConfig, HubSession]:
    """The joined hub and a session on it: NotJoined when this data home joined none, the
    hub's own errors (exit 2) when it cannot be reached, refuses the rep or is no hub."""
    from salescoach.hub import open_session

    config = joined_team()
    if config is None:
        raise NotJoined(
            "this data home has not joined a team hub",
            hint="a rep joins with `salescoach team join URL --as NAME`",
        )
    return config, open_session(config, password_prompt=password_prompt(config.rep))


def sync_with_hub(
    conn: sqlite3.Connection, password_prompt: Callable[[str], Callable[[], str] | None]
) -> tuple[TeamConfig, SyncCounts]:
    """`salescoach sync`: the session is opened before anything local changes, so a hub that
    cannot be reached leaves the store exactly as it was."""
    from salescoach import clock

    config, session = open_hub(password_prompt)
    try:
        counts = sync(
            conn,
            session,
            replica=config.replica,
            wall_ms=clock.wall_ms,
            now=clock.now().isoformat(timespec="seconds"),
        )
    finally:
        close = getattr(session, "close", None)
        if callable(close):
            close()
    return config, counts
