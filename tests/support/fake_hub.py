"""An in-memory team hub for unit tests: the feed, who owns each lead, and the hub's rules.

It keeps the rules the real hub enforces with row-level security: a rep pushes only their own
rows and rows of leads they own now, never sets a lead's owner to someone else, and pulls only
rows of leads they own (with the whole history of a lead handed to them, however old); the
old owner of a reassigned lead pulls the hand-over itself and nothing after. The manager
pushes and pulls everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from salescoach.core.sync.changes import PullBatch, RowChange

MANAGER = "manager"


@dataclass
class FakeHub:
    feed: list[RowChange] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)  # lead gid -> owner now
    handed_from: dict[int, str] = field(default_factory=dict)  # feed position -> old owner
    delivered: dict[str, set[str]] = field(default_factory=dict)  # rep -> leads sent whole
    seen: set[tuple[str, str, str]] = field(default_factory=set)
    down: bool = False  # True: every call fails as an unreachable hub does
    pushes: int = 0

    def session(self, rep: str) -> FakeSession:
        return FakeSession(self, rep)

    def owner_of(self, change: RowChange) -> str:
        if change.lead_gid is None:
            return change.owner
        return self.owners.get(change.lead_gid, change.owner)

    def visible(self, rep: str, position: int, change: RowChange) -> bool:
        return (
            rep == MANAGER or self.owner_of(change) == rep or self.handed_from.get(position) == rep
        )


class HubDown(Exception):
    """What the fake raises when `down` is set (the real session raises HubUnreachable)."""


@dataclass
class FakeSession:
    hub: FakeHub
    rep_name: str

    @property
    def rep(self) -> str:
        return self.rep_name

    @property
    def is_manager(self) -> bool:
        return self.rep_name == MANAGER

    def push(self, changes: Sequence[RowChange]) -> Sequence[RowChange]:
        hub = self.hub
        if hub.down:
            raise HubDown("the hub cannot be reached")
        hub.pushes += 1
        refused = []
        for change in changes:
            key = (change.table, change.gid, change.hlc)
            if key in hub.seen:
                continue
            if self._refuses(change):
                refused.append(change)
                continue
            hub.seen.add(key)
            if change.table == "leads" and change.gid not in hub.owners:
                hub.owners[change.gid] = change.owner
            new_owner = change.fields.get("owner") if change.table == "leads" else None
            if isinstance(new_owner, str) and new_owner != hub.owners.get(change.gid):
                hub.handed_from[len(hub.feed)] = hub.owners[change.gid]
                hub.owners[change.gid] = new_owner
            hub.feed.append(change)
        return refused

    def _refuses(self, change: RowChange) -> bool:
        if self.rep_name == MANAGER:
            return False
        if change.owner != self.rep_name or self.hub.owner_of(change) != self.rep_name:
            return True
        owner = change.fields.get("owner") if change.table == "leads" else None
        return owner is not None and owner != self.rep_name

    def pull(self, cursor: str | None, limit: int) -> PullBatch:
        hub = self.hub
        if hub.down:
            raise HubDown("the hub cannot be reached")
        start = int(cursor or 0)
        delivered = hub.delivered.setdefault(self.rep_name, set())
        # Leads handed to this rep since: their whole history first, whatever its age.
        handed = {gid for gid, owner in hub.owners.items() if owner == self.rep_name} - delivered
        out: list[RowChange] = []
        history = [
            c for pos, c in enumerate(hub.feed[:start]) if c.lead_gid in handed
        ] if start else []  # fmt: skip
        out.extend(history)
        delivered.update(handed)
        position = start
        while position < len(hub.feed) and len(out) < limit:
            change = hub.feed[position]
            if hub.visible(self.rep_name, position, change):
                out.append(change)
            position += 1
        return PullBatch(out, str(position), position < len(hub.feed))


def link_fake_hub(
    monkeypatch: object, hub: FakeHub, rep: str, replica: str = "replica-test"
) -> None:
    """Make `salescoach sync` and `team status` use `hub` as `rep`, as if joined."""
    import salescoach.actions.sync as action
    from salescoach.hub.config import TeamConfig

    link = TeamConfig("postgresql://hub.example/team", rep, replica)
    patch = monkeypatch.setattr  # type: ignore[attr-defined]
    patch(action, "joined_team", lambda: link)

    def open_hub(prompt: object) -> tuple[TeamConfig, FakeSession]:
        if hub.down:  # as the real session does, failing to connect before anything else
            raise HubDown("the hub cannot be reached")
        return link, hub.session(rep)

    patch(action, "open_hub", open_hub)
