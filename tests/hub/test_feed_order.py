"""A feed read by sequence alone skips a row whose transaction took its number first but
committed last. This one cannot: two transactions commit in reverse order, with pulls
between, and every row arrives exactly once."""

from __future__ import annotations

import uuid

import pytest

from tests.support.hub import Team, lead, make_team
from tests.support.postgres import HubDatabase

_INSERT = (
    "INSERT INTO salescoach.feed (tbl, gid, lead_gid, owner, origin, hlc, fields)"
    " VALUES ('interactions', %s, %s, 'alice', 'r1', %s, '{}') RETURNING seq"
)


@pytest.fixture
def team(hub_db: HubDatabase) -> Team:
    return make_team(hub_db)


@pytest.mark.parametrize("older", ["first", "second"])
def test_rows_committed_out_of_sequence_order_are_never_skipped(team: Team, older: str) -> None:
    with team.session("alice") as alice:
        ada = lead("alice")
        alice.push([ada])
        cursor = alice.pull(None, 100).cursor
        first, second = team.connect("alice"), team.connect("alice")
        try:
            # Either transaction may be the older one (the one given its id first).
            for connection in (first, second) if older == "first" else (second, first):
                connection.execute("BEGIN")
                connection.execute("SELECT pg_current_xact_id()")
            gids = [str(uuid.uuid4()), str(uuid.uuid4())]
            seq1 = first.execute(_INSERT, (gids[0], ada.gid, "h1")).fetchone()[0]
            seq2 = second.execute(_INSERT, (gids[1], ada.gid, "h2")).fetchone()[0]
            assert seq1 < seq2
            second.execute("COMMIT")  # the higher sequence number commits first
            seen = []
            for commit_next in (first, None):
                batch = alice.pull(cursor, 100)
                seen += [c.gid for c in batch.changes]
                cursor = batch.cursor
                if commit_next is not None:
                    commit_next.execute("COMMIT")
        finally:
            first.close()
            second.close()
        assert sorted(seen) == sorted(gids)
        assert list(alice.pull(cursor, 100).changes) == []


def test_an_unfinished_transaction_holds_back_later_rows_until_it_ends(team: Team) -> None:
    with team.session("alice") as alice:
        ada = lead("alice")
        alice.push([ada])
        cursor = alice.pull(None, 100).cursor
        slow = team.connect("alice")
        try:
            slow.execute("BEGIN")
            slow.execute(_INSERT, (str(uuid.uuid4()), ada.gid, "slow"))
            later = lead("alice")
            alice.push([later])
            assert list(alice.pull(cursor, 100).changes) == []  # held back, not skipped
            slow.execute("ROLLBACK")
        finally:
            slow.close()
        assert [c.gid for c in alice.pull(cursor, 100).changes] == [later.gid]
