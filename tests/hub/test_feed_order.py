"""A feed read by sequence alone skips a row whose transaction took its number first but
committed last. This one cannot: two transactions commit in reverse order, with pulls
between, and every row arrives exactly once."""

from __future__ import annotations

import uuid

import pytest

from tests.support.hub import Team, event, lead, make_team
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


def test_positions_sort_as_numbers_across_a_power_of_ten(team: Team) -> None:
    """Transaction ids compared as text would put 1000 before 999 and skip rows."""
    with team.session("alice") as alice, team.connect("alice") as burner:
        ada = lead("alice")
        alice.push([ada])
        now = int(burner.execute("SELECT pg_current_xact_id()::text").fetchone()[0])
        ten = 10 ** len(str(now))
        pushed = [ada]
        while now < ten + 2:
            if now >= ten - 3:
                pushed.append(event("alice", ada.gid, str(now)))
                alice.push(pushed[-1:])
            now = int(burner.execute("SELECT pg_current_xact_id()::text").fetchone()[0])
        got, cursor = [], None
        while True:
            batch = alice.pull(cursor, 1)
            got += batch.changes
            cursor = batch.cursor
            if not batch.more:
                break
        assert got == pushed
