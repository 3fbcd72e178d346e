"""Rep stores syncing with a real PostgreSQL hub: the rules, SIGKILL at 20 points, four reps
and a manager at once, and the state machine of tests/actions against the real hub."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from salescoach.core.sync.changes import HubSession
from tests.actions.test_sync_convergence import REPS, TeamSync
from tests.support.hub import MANAGER, Team, everything, make_team
from tests.support.paths import ROOT
from tests.support.postgres import HubDatabase
from tests.support.replicas import Replica

SOAK_VARIABLE = "SALESCOACH_SYNC_SOAK_SECONDS"


def _sync(team: Team, replica: Replica, role: str) -> Any:
    with team.session(role) as session:
        return replica.sync(session)


def _hub_rows(team: Team) -> list[Any]:
    with team.session(MANAGER) as session:
        return everything(session)


def test_two_reps_and_a_manager_offline_edit_against_reassignment(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    team = make_team(hub_db, ("alice", "bob"))
    alice, bob, desk = (Replica.open(tmp_path, n) for n in ("alice", "bob", "desk"))
    lead = alice.add_lead("Ada")
    alice.log(lead, "first call")
    bob.add_lead("Bob's own")
    assert _sync(team, alice, "alice").pushed == 2
    _sync(team, bob, "bob")
    _sync(team, desk, MANAGER)
    assert set(desk.state()) == {"Ada", "Bob's own"}
    _sync(team, bob, "bob")
    assert set(bob.state()) == {"Bob's own"}  # row-level security: not alice's lead
    # The manager hands Ada to bob while alice, offline, writes on it.
    desk.write("UPDATE leads SET owner = 'bob' WHERE name = 'Ada'")
    _sync(team, desk, MANAGER)
    alice.log(lead, "offline note")
    alice.write("UPDATE leads SET phone = '+1 555' WHERE id = ?", lead)
    counts = _sync(team, alice, "alice")
    assert counts.refused == 2  # the note and the edit: kept here, reported
    ada = alice.state()["Ada"]
    assert ada[0]["owner"] == "bob" and ada[0]["phone"] == "+1 555"
    assert ada[1] == ["first call", "offline note"]
    _sync(team, bob, "bob")
    assert bob.state()["Ada"][1] == ["first call"]  # the whole history, none of the refused
    assert bob.state()["Ada"][0]["phone"] is None
    assert _sync(team, alice, "alice").refused == 0  # not sent again


def _worker(*args: str, password: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PGPASSWORD": password, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.sync_worker", *args],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
    )


def _interaction_gids(replica: Replica) -> Counter[str]:
    return Counter(
        r[0] for r in replica.conn.execute("SELECT gid FROM sync_ids WHERE tbl = 'interactions'")
    )


@pytest.mark.slow
def test_sync_killed_at_20_points_loses_and_doubles_nothing(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    team = make_team(hub_db, ("alice",))
    alice, desk = Replica.open(tmp_path, "alice"), Replica.open(tmp_path, "desk")
    rnd = random.Random(20)
    for i in range(200):
        alice.log(alice.add_lead(f"lead {i}"), f"note {i}")
    args = ("sync", str(tmp_path / "alice.db"), hub_db.conninfo(), "alice", alice.replica)
    # How long one whole sync of this much takes, so the kills land inside one.
    started = time.monotonic()
    _worker(*args, password=team.passwords["alice"]).wait()
    whole = time.monotonic() - started
    _sync(team, desk, MANAGER)
    for point in range(20):
        lead = rnd.randint(1, 200)
        for i in range(30):
            alice.log(lead, f"kill {point} note {i}")
        desk_lead = desk.conn.execute("SELECT id FROM leads ORDER BY random()").fetchone()
        if desk_lead:  # the manager writes too, so the pull has work
            desk.log(desk_lead[0], f"desk {point}")
            _sync(team, desk, MANAGER)
        child = _worker(*args, password=team.passwords["alice"])
        time.sleep(rnd.uniform(0.05, whole))
        child.send_signal(signal.SIGKILL)
        child.wait()
    _sync(team, alice, "alice")
    _sync(team, desk, MANAGER)
    _sync(team, alice, "alice")
    feed = Counter((c.table, c.gid, c.hlc) for c in _hub_rows(team))
    assert max(feed.values()) == 1
    events = Counter(c.gid for c in _hub_rows(team) if c.table == "interactions")
    assert max(events.values()) == 1 and set(events) == set(_interaction_gids(alice))
    assert max(_interaction_gids(alice).values()) == 1
    assert alice.state() == desk.state()
    assert alice.conn.execute("SELECT count(*) FROM interactions").fetchone()[0] == 200 + 600 + 20


@pytest.mark.slow
def test_four_reps_and_a_manager_at_once(hub_db: HubDatabase, tmp_path: Path) -> None:
    """For SALESCOACH_SYNC_SOAK_SECONDS (default 60) every rep writes and syncs in a loop while
    the manager reassigns; after a final round each rep holds exactly its rows as the hub does."""
    reps = ("ann", "ben", "cat", "dan")
    team = make_team(hub_db, reps)
    seconds = os.environ.get(SOAK_VARIABLE, "60")
    stores = {who: Replica.open(tmp_path, who) for who in (*reps, "desk")}
    workers = [
        _worker("soak", str(tmp_path / f"{who}.db"), hub_db.conninfo(), who,
                stores[who].replica, seconds, password=team.passwords[who])
        for who in reps
    ]  # fmt: skip
    workers.append(
        _worker("soak", str(tmp_path / "desk.db"), hub_db.conninfo(), MANAGER,
                stores["desk"].replica, seconds, *reps, password=team.passwords[MANAGER])
    )  # fmt: skip
    for worker in workers:
        _, err = worker.communicate(timeout=float(seconds) + 300)
        assert worker.returncode == 0, err.decode()
    for _ in range(2):
        for who in (*reps, "desk"):
            _sync(team, stores[who], MANAGER if who == "desk" else who)
    hub = _hub_rows(team)
    assert max(Counter((c.table, c.gid, c.hlc) for c in hub).values()) == 1
    hub_events = {c.gid for c in hub if c.table == "interactions"}
    desk = stores["desk"].state()
    assert len(desk) > 20
    for rep in reps:
        store = stores[rep]
        mine = {n: s for n, s in desk.items() if s[0]["owner"] == rep}
        held = store.state()
        # What the hub refused while a lead was another's stays here too: not on the hub.
        for name, text in store.conn.execute(
            "SELECT l.name, i.text FROM sync_outbox o JOIN interactions i ON i.id = o.row "
            "JOIN leads l ON l.id = i.lead_id WHERE o.refused = 1 AND o.tbl = 'interactions'"
        ):
            if name in mine:
                held[name][1].remove(text)
        assert {n: held[n] for n in mine} == mine, rep
        local = _interaction_gids(store)
        assert max(local.values(), default=1) == 1
        refused = {
            r[0]
            for r in store.conn.execute(
                "SELECT i.gid FROM sync_outbox o JOIN sync_ids i ON i.tbl = o.tbl "
                "AND i.row = o.row WHERE o.refused = 1 AND o.tbl = 'interactions'"
            )
        }
        assert set(local) <= hub_events | refused, rep  # 0 lost: on the hub, or kept here


class _RealHubSync(TeamSync):
    team: Team

    manager = MANAGER

    def session(self, who: str) -> HubSession:
        return self.team.session(who)  # type: ignore[no-any-return]


@pytest.mark.slow
def test_the_state_machine_converges_against_the_real_hub(hub_db: HubDatabase) -> None:
    _RealHubSync.team = make_team(hub_db, REPS)
    case = _RealHubSync.TestCase
    case.settings = settings(max_examples=8, stateful_step_count=25, deadline=None)
    case("runTest").runTest()
