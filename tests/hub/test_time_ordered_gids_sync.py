"""Version 7 gids travel unchanged: a rep's store mints them, the hub's uuid columns keep
them, and another replica's pull stores the same text, beside version 4 gids of before."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.support.hub import MANAGER, everything, make_team
from tests.support.postgres import HubDatabase
from tests.support.replicas import Replica

OLD_GID = "5c8016ac-80e0-4cbe-af5b-a477594f82cf"  # a version 4 gid, as before schema 13


def _gids(replica: Replica) -> set[tuple[str, str]]:
    return {tuple(row) for row in replica.conn.execute("SELECT tbl, gid FROM sync_ids")}


def test_version_7_gids_reach_the_hub_and_another_replica_unchanged(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    team = make_team(hub_db, ("alice",))
    alice, desk = Replica.open(tmp_path, "alice"), Replica.open(tmp_path, "desk")
    ada = alice.add_lead("Ada")
    alice.log(ada, "first call")
    old = alice.add_lead("Grace")
    alice.write("UPDATE sync_ids SET gid = ? WHERE tbl = 'leads' AND row = ?", OLD_GID, old)
    minted = _gids(alice)
    assert len(minted) == 3
    assert sorted(uuid.UUID(gid).version for _tbl, gid in minted) == [4, 7, 7]
    with team.session("alice") as session:
        alice.sync(session)
    with team.session(MANAGER) as session:
        on_hub = {(change.table, change.gid) for change in everything(session)}
        desk.sync(session)
    assert on_hub == minted
    assert _gids(desk) == minted
