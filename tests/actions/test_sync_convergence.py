"""A hypothesis state machine: three reps and a manager write and sync in any order through the
in-memory hub; after a final round every rep holds exactly what the hub shows them."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from salescoach.core.sync.changes import HubSession
from tests.support.fake_hub import MANAGER, FakeHub
from tests.support.replicas import Replica

REPS = ("ann", "bob", "cy")
STAMP = "2026-03-11T09:00:00+00:00"
FIELDS = ("phone", "company", "temperature", "step")
VALUES = {
    "phone": st.sampled_from(["+1", "+2", None]),
    "company": st.sampled_from(["ACME", "Navy"]),
    "temperature": st.sampled_from(["cold", "warm", "qualified"]),
    "step": st.sampled_from(["approach", "closing"]),
}


class TeamSync(RuleBasedStateMachine):
    """Over the in-memory hub; a subclass runs the same over PostgreSQL (`session`, `manager`,
    `prefix`: the leads of one run, when the hub keeps earlier runs' rows)."""

    manager = MANAGER

    def __init__(self) -> None:
        super().__init__()
        folder = Path(tempfile.mkdtemp(prefix="salescoach-sync-"))
        self.hub = FakeHub()
        self.stores = {name: Replica.open(folder, name) for name in (*REPS, self.manager)}
        self.archived: dict[str, set[str]] = {}  # per store: the leads it holds archived
        self.names = 0
        self.prefix = folder.name

    def session(self, who: str) -> HubSession:
        return self.hub.session(who)

    def _sync(self, who: str) -> None:
        session = self.session(who)
        try:
            self.stores[who].sync(session)
        finally:
            getattr(session, "close", lambda: None)()

    def _own_lead(self, rep: str, pick: int) -> int | None:
        rows = (
            self.stores[rep]
            .conn.execute(
                "SELECT id FROM leads WHERE owner IS NULL OR owner = ? ORDER BY id", (rep,)
            )
            .fetchall()
        )
        return int(rows[pick % len(rows)][0]) if rows else None

    @rule(rep=st.sampled_from(REPS))
    def add_lead(self, rep: str) -> None:
        self.names += 1
        self.stores[rep].add_lead(f"{self.prefix}-{rep}-{self.names}")

    @rule(rep=st.sampled_from(REPS), pick=st.integers(0, 9), data=st.data())
    def edit(self, rep: str, pick: int, data: st.DataObject) -> None:
        lead = self._own_lead(rep, pick)
        name = data.draw(st.sampled_from(FIELDS))
        if lead is not None:
            value = data.draw(VALUES[name])
            self.stores[rep].write(f"UPDATE leads SET {name} = ? WHERE id = ?", value, lead)

    @rule(rep=st.sampled_from(REPS), pick=st.integers(0, 9), text=st.sampled_from("xyz"))
    def log(self, rep: str, pick: int, text: str) -> None:
        lead = self._own_lead(rep, pick)
        if lead is not None:
            self.stores[rep].log(lead, text)

    @rule(rep=st.sampled_from(REPS), pick=st.integers(0, 9))
    def archive(self, rep: str, pick: int) -> None:
        lead = self._own_lead(rep, pick)
        if lead is not None:
            self.stores[rep].write("UPDATE leads SET status = 'archived' WHERE id = ?", lead)

    @rule(rep=st.sampled_from(REPS), pick=st.integers(0, 9), title=st.sampled_from("ab"))
    def add_task(self, rep: str, pick: int, title: str) -> None:
        lead = self._own_lead(rep, pick)
        if lead is not None:
            self.stores[rep].write(
                "INSERT INTO tasks (lead_id, title, due, created_at, updated_at) "
                "VALUES (?, ?, '2026-03-12', ?, ?)",
                lead, title, STAMP, STAMP,
            )  # fmt: skip

    @rule(rep=st.sampled_from(REPS), pick=st.integers(0, 9))
    def task_done(self, rep: str, pick: int) -> None:
        lead = self._own_lead(rep, pick)
        if lead is not None:
            self.stores[rep].write(
                "UPDATE tasks SET status = 'done' WHERE lead_id = ? AND status = 'open'", lead
            )

    @rule(pick=st.integers(0, 99), to=st.sampled_from(REPS))
    def reassign(self, pick: int, to: str) -> None:
        desk = self.stores[self.manager]
        rows = desk.conn.execute(
            "SELECT id FROM leads WHERE name LIKE ? ORDER BY id", (self.prefix + "%",)
        ).fetchall()
        if rows:
            lead = rows[pick % len(rows)][0]
            desk.write("UPDATE leads SET owner = ? WHERE id = ?", to, lead)
            self._sync(self.manager)

    @rule(who=st.sampled_from((*REPS, "the manager")))
    def sync(self, who: str) -> None:
        self._sync(self.manager if who == "the manager" else who)

    @invariant()
    def an_archived_lead_stays_archived(self) -> None:
        """Once a store holds a lead archived, nothing it pulls or writes reopens it."""
        for who, store in self.stores.items():
            now = {n for n, s in store.state().items() if s[0]["status"] == "archived"}
            assert self.archived.get(who, set()) <= now, who
            self.archived[who] = now

    def _ours(self, store: Replica) -> dict[str, object]:
        return {n: s for n, s in store.state().items() if n.startswith(self.prefix)}

    def teardown(self) -> None:
        for _ in range(2):
            for who in (*REPS, self.manager):
                self._sync(who)
        hub_view = self._ours(self.stores[self.manager])
        for rep in REPS:
            mine = {n: s for n, s in hub_view.items() if s[0]["owner"] == rep}
            held = self._ours(self.stores[rep])
            assert {n: held[n] for n in mine} == mine, rep
            for name, state in held.items():  # what is no longer theirs: a copy they keep
                if name not in mine:
                    assert state[0]["owner"] != rep, name  # type: ignore[index]
        for store in self.stores.values():
            store.conn.close()


TeamSync.TestCase.settings = settings(max_examples=30, stateful_step_count=30, deadline=None)
test_three_reps_and_a_manager_converge = TeamSync.TestCase
