"""Sync between rep stores through the in-memory hub: push then pull, nothing lost or doubled."""

from __future__ import annotations

from pathlib import Path

import pytest

from salescoach.core.sync.changes import PullBatch, RowChange
from salescoach.store.db import connect
from tests.support.fake_hub import MANAGER, FakeHub, FakeSession, HubDown
from tests.support.replicas import Replica
from tests.support.store import build_v2


@pytest.fixture
def hub() -> FakeHub:
    return FakeHub()


def test_a_reps_lead_and_its_log_reach_the_manager_with_local_ids(
    tmp_path: Path, hub: FakeHub
) -> None:
    ann, desk = Replica.open(tmp_path, "ann"), Replica.open(tmp_path, "desk")
    desk.add_lead("Desk's own lead")
    lead = ann.add_lead("Ada")
    ann.log(lead, "called")
    counts = ann.sync(hub.session("ann"))
    assert (counts.pushed, counts.refused, counts.pending) == (2, 0, 0)
    desk.sync(hub.session(MANAGER))
    assert desk.lead_id("Ada") == 2  # the next local id, whatever it was on ann's laptop
    assert desk.state()["Ada"][1] == ["called"]
    assert desk.state()["Ada"][0]["owner"] == "ann"  # a lead never synced is its rep's


def test_syncing_again_does_nothing_more(tmp_path: Path, hub: FakeHub) -> None:
    ann = Replica.open(tmp_path, "ann")
    ann.log(ann.add_lead("Ada"), "called")
    ann.sync(hub.session("ann"))
    before = ann.state()
    again = ann.sync(hub.session("ann"))
    assert (again.pushed, again.pending) == (0, 0)
    assert ann.state() == before and len(hub.feed) == 2


def test_an_existing_store_uploads_its_whole_history_on_the_first_sync(
    tmp_path: Path, hub: FakeHub
) -> None:
    build_v2(tmp_path / "old.db")
    _real_stamps(tmp_path / "old.db")
    old = Replica(connect(tmp_path / "old.db"), "replica-old")
    old.sync(hub.session("sam"))
    desk = Replica.open(tmp_path, "desk")
    counts = desk.sync(hub.session(MANAGER))
    assert (counts.parked, counts.rejected) == (0, 0)
    assert set(desk.state()) == {"Ada Lovelace", "مريم 🌟", "Grace Hopper"}
    assert desk.state()["Ada Lovelace"][1] == [None, "booked a demo"]
    tables = {c.table for c in hub.feed}
    assert tables == {"leads", "answers", "sessions", "interactions", "tasks", "goals", "training"}


def _real_stamps(path: Path) -> None:
    """The migration fixture's placeholder stamps ('a', 'b') as salescoach writes them: a
    pulled row with a time that is not one is set aside by the row checks."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for column in [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]:
                if column == "at" or column.endswith("_at"):
                    conn.execute(
                        f"UPDATE {table} SET {column} = '2026-03-11T09:00:00+00:00' "
                        f"WHERE {column} IS NOT NULL AND {column} NOT GLOB '[0-9][0-9][0-9][0-9]-*'"
                    )


def test_an_edit_merges_field_by_field_with_anothers(tmp_path: Path, hub: FakeHub) -> None:
    ann, desk = Replica.open(tmp_path, "ann"), Replica.open(tmp_path, "desk")
    ann.add_lead("Ada")
    ann.sync(hub.session("ann"))
    desk.sync(hub.session(MANAGER))
    desk.write("UPDATE leads SET phone = '+1 555' WHERE name = 'Ada'")
    ann.write("UPDATE leads SET company = 'ACME' WHERE name = 'Ada'")
    desk.sync(hub.session(MANAGER))
    ann.sync(hub.session("ann"))
    desk.sync(hub.session(MANAGER))
    assert ann.state() == desk.state()
    assert ann.state()["Ada"][0]["phone"] == "+1 555"
    assert ann.state()["Ada"][0]["company"] == "ACME"


def test_an_offline_edit_never_resurrects_an_archived_lead(tmp_path: Path, hub: FakeHub) -> None:
    ann, desk = Replica.open(tmp_path, "ann"), Replica.open(tmp_path, "desk")
    ann.add_lead("Ada")
    ann.sync(hub.session("ann"))
    desk.sync(hub.session(MANAGER))
    desk.write("UPDATE leads SET status = 'archived' WHERE name = 'Ada'")
    desk.sync(hub.session(MANAGER))
    ann.write("UPDATE leads SET phone = '+1 555', step = 'approach' WHERE name = 'Ada'")
    ann.sync(hub.session("ann"))
    desk.sync(hub.session(MANAGER))
    for replica in (ann, desk):
        fields = replica.state()["Ada"][0]
        assert (fields["status"], fields["phone"]) == ("archived", "+1 555")


def test_a_reassigned_lead_brings_its_whole_history_and_the_old_owners_edits_stay_local(
    tmp_path: Path, hub: FakeHub
) -> None:
    ann, bob, desk = (Replica.open(tmp_path, n) for n in ("ann", "bob", "desk"))
    ann.log(ann.add_lead("Ada"), "first call")
    ann.sync(hub.session("ann"))
    bob.add_lead("Bob's lead")
    bob.sync(hub.session("bob"))
    desk.sync(hub.session(MANAGER))
    desk.write("UPDATE leads SET owner = 'bob' WHERE name = 'Ada'")
    desk.sync(hub.session(MANAGER))
    ann.log(ann.lead_id("Ada"), "offline note")  # before the hand-over reached ann
    counts = ann.sync(hub.session("ann"))
    assert counts.refused == 1
    assert sorted(ann.state()["Ada"][1]) == ["first call", "offline note"]  # kept here
    assert ann.state()["Ada"][0]["owner"] == "bob"
    bob.sync(hub.session("bob"))
    assert bob.state()["Ada"][1] == ["first call"]
    again = ann.sync(hub.session("ann"))
    assert again.refused == 0 and again.pending == 0  # refused once, reported, not resent


class _CommitsThenFails(FakeSession):
    def push(self, changes: list[RowChange]) -> list[RowChange]:  # type: ignore[override]
        super().push(changes)
        raise HubDown("the connection dropped after the hub committed")


class _FailsAfterFirstBatch(FakeSession):
    def pull(self, cursor: str | None, limit: int) -> PullBatch:
        if cursor not in (None, "0"):
            raise HubDown("the connection dropped mid-pull")
        return super().pull(cursor, 1)


def test_a_sync_cut_off_anywhere_loses_and_doubles_nothing(tmp_path: Path, hub: FakeHub) -> None:
    ann, desk = Replica.open(tmp_path, "ann"), Replica.open(tmp_path, "desk")
    ann.log(ann.add_lead("Ada"), "called")
    with pytest.raises(HubDown):
        ann.sync(_CommitsThenFails(hub, "ann"))
    ann.sync(hub.session("ann"))
    assert len(hub.feed) == 2
    with pytest.raises(HubDown):
        desk.sync(_FailsAfterFirstBatch(hub, MANAGER))
    desk.sync(hub.session(MANAGER))
    assert desk.state() == ann.state()
    hub.down = True
    with pytest.raises(HubDown):
        ann.sync(hub.session("ann"))


def test_a_pull_in_many_batches_read_ahead_applies_each_once_in_order(
    tmp_path: Path, hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each batch is read from the hub while the one before is applied: the store ends as
    one big batch leaves it, and the hub is asked for each cursor once, in order."""
    import salescoach.actions.sync as action

    ann = Replica.open(tmp_path, "ann")
    for n in range(7):
        lead = ann.add_lead(f"Lead {n}")
        ann.log(lead, f"call {n}")
        ann.log(lead, f"email {n}")
    ann.sync(hub.session("ann"))
    whole = Replica.open(tmp_path, "whole")
    whole.sync(hub.session(MANAGER))
    asked: list[str | None] = []

    class Recording(FakeSession):
        def pull(self, cursor: str | None, limit: int) -> PullBatch:
            asked.append(cursor)
            return super().pull(cursor, limit)

    monkeypatch.setattr(action, "PULL_BATCH", 4)
    desk = Replica.open(tmp_path, "desk")
    counts = desk.sync(Recording(hub, MANAGER))
    assert counts.pulled == len(hub.feed) == 21
    assert asked == [None, "4", "8", "12", "16", "20"]  # the last batch (21) says no more
    assert desk.state() == whole.state() == ann.state()


def test_pulled_counts_what_changed_here_not_the_replicas_own_changes_coming_back(
    tmp_path: Path, hub: FakeHub
) -> None:
    ann = Replica.open(tmp_path, "ann")
    ann.log(ann.add_lead("Ada"), "called")
    first = ann.sync(hub.session("ann"))
    assert (first.pushed, first.pulled) == (2, 0)  # its own two come back, changing nothing
    desk = Replica.open(tmp_path, "desk")
    assert desk.sync(hub.session(MANAGER)).pulled == 2
    ann.add_lead("Grace")
    assert (ann.sync(hub.session("ann")).pulled, desk.sync(hub.session(MANAGER)).pulled) == (0, 1)
    desk.write("UPDATE leads SET phone = '555' WHERE id = ?", desk.lead_id("Grace"))
    assert desk.sync(hub.session(MANAGER)).pulled == 0  # its own edit, back from the hub
    again = ann.sync(hub.session("ann"))
    assert (again.pushed, again.pulled) == (0, 1)  # the manager's edit changed a field here
