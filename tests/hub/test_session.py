"""The real HubSession against PostgreSQL: push, pull, refusals and reassignment."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from salescoach.core.sync.changes import RowChange
from tests.support.hub import MANAGER, Team, event, everything, hlc, lead, make_team
from tests.support.postgres import Cluster, HubDatabase, fresh_database


@pytest.fixture
def team(hub_db: HubDatabase) -> Team:
    return make_team(hub_db)


def test_a_rep_pulls_back_what_it_pushed_and_a_second_push_adds_nothing(team: Team) -> None:
    with team.session("alice") as alice:
        ada = lead("alice")
        changes = [ada, event("alice", ada.gid), event("alice", ada.gid)]
        assert alice.push(changes) == []
        assert alice.push(changes) == []
        assert everything(alice) == changes


def test_pull_in_batches_resumes_after_the_cursor(team: Team) -> None:
    with team.session("alice") as alice:
        ada = lead("alice")
        changes = [ada, *(event("alice", ada.gid, str(i)) for i in range(7))]
        alice.push(changes)
        first = alice.pull(None, 3)
        assert first.more and list(first.changes) == changes[:3]
        assert everything(alice, limit=3) == changes
        rest = alice.pull(first.cursor, 100)
        assert list(rest.changes) == changes[3:] and not rest.more
        assert list(alice.pull(rest.cursor, 100).changes) == []


def test_reps_see_only_their_own_rows_and_the_manager_sees_all(team: Team) -> None:
    with team.session("alice") as alice, team.session("bob") as bob:
        a, b = lead("alice"), lead("bob")
        alice.push([a, event("alice", a.gid)])
        bob.push([b])
        assert {c.lead_gid for c in everything(alice)} == {a.gid}
        assert {c.lead_gid for c in everything(bob)} == {b.gid}
    with team.session(MANAGER) as manager:
        assert manager.is_manager
        assert {c.lead_gid for c in everything(manager)} == {a.gid, b.gid}


def test_a_rep_cannot_push_rows_of_another_or_give_a_lead_away(team: Team) -> None:
    with team.session("alice") as alice, team.session("bob") as bob:
        b = lead("bob")
        bob.push([b])
        mine = lead("alice")
        forged = [
            event("alice", b.gid),  # a row on bob's lead
            event("bob", mine.gid),  # a row claiming to be bob's
            lead("bob"),  # a new lead in bob's name
            RowChange("leads", mine.gid, mine.gid, "alice", "r1", hlc(), {"owner": "bob"}),
            RowChange("goals", str(uuid.uuid4()), None, "bob", "r1", hlc(), {"target": 5}),
            RowChange("leads", b.gid, b.gid, "alice", "r1", hlc(), {"name": "mine now"}),
        ]
        refused = alice.push([mine, *forged])
        assert list(refused) == forged
        assert everything(alice) == [mine]
        assert everything(bob) == [b]


def test_a_reassigned_lead_reaches_its_new_owner_whole(team: Team) -> None:
    with team.session("alice") as alice, team.session("bob") as bob:
        ada = lead("alice")
        history = [ada, event("alice", ada.gid), event("alice", ada.gid)]
        alice.push(history)
        bob.push([lead("bob")])
        bobs_cursor = bob.pull(None, 100).cursor  # bob is past alice's rows already
        alices_cursor = alice.pull(None, 100).cursor
        with team.session(MANAGER) as manager:
            move = RowChange("leads", ada.gid, ada.gid, "bob", "hub", hlc("hub"), {"owner": "bob"})
            assert manager.push([move]) == []
        assert list(bob.pull(bobs_cursor, 100).changes) == [*history, move]
        # The old owner is told, and hears nothing more of it.
        assert list(alice.pull(alices_cursor, 100).changes) == [move]
        late = event("alice", ada.gid, "offline call")
        assert list(alice.push([late])) == [late]
        assert bob.push([event("bob", ada.gid)]) == []
        assert [c.lead_gid for c in everything(alice)] == [ada.gid]  # the hand-over only


def test_a_manager_reassignment_pushed_twice_changes_nothing_more(team: Team) -> None:
    with team.session("alice") as alice, team.session(MANAGER) as manager:
        ada = lead("alice")
        alice.push([ada])
        move = RowChange("leads", ada.gid, ada.gid, "bob", "hub", hlc("hub"), {"owner": "bob"})
        manager.push([move])
        manager.push([move])
        older = RowChange("leads", ada.gid, ada.gid, "alice", "hub", "0" * 16, {"owner": "alice"})
        manager.push([older])  # an older clock does not take the lead back
    with team.session("bob") as bob:
        assert ada.gid in {c.lead_gid for c in everything(bob)}


def test_a_connection_lost_mid_sync_is_the_hub_being_unreachable(team: Team) -> None:
    from salescoach.hub.errors import HubUnreachable

    with team.session("alice") as alice:
        with team.db.connect() as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE usename = 'alice' AND datname = current_database()"
            )
        ada = lead("alice")
        with pytest.raises(HubUnreachable, match="lost the hub"):
            alice.push([ada])
        with pytest.raises(HubUnreachable):
            alice.pull(None, 10)
    with team.session("alice") as again:  # nothing half-written: the push never committed
        assert everything(again) == []


def test_a_manager_cannot_give_a_lead_to_no_one_or_to_a_mistyped_rep(team: Team) -> None:
    with team.db.connect() as admin:
        admin.execute("CREATE ROLE outsider LOGIN")  # a role of the server, not of this hub
    with team.session("alice") as alice, team.session(MANAGER) as manager:
        ada = lead("alice")
        alice.push([ada])
        to = [
            RowChange("leads", ada.gid, ada.gid, "bobb", "hub", hlc("hub"), {"owner": "bobb"}),
            RowChange("leads", ada.gid, ada.gid, "alice", "hub", hlc("hub"), {"owner": None}),
            RowChange("leads", ada.gid, ada.gid, "alice", "hub", hlc("hub"), {"owner": "outsider"}),
        ]
        assert list(manager.push(to)) == to
        back = RowChange("leads", ada.gid, ada.gid, MANAGER, "hub", hlc("hub"), {"owner": MANAGER})
        assert manager.push([back]) == []  # a manager may take a lead themselves
        assert everything(alice) == [back]  # the lead is gone from her view but the hand-over


@pytest.fixture
def linguistic_team(pg_cluster: Cluster) -> Iterator[Team]:
    """A hub in a database whose default collation is ICU's English, where "x-a" < "x-B"."""
    with pg_cluster.connect("postgres") as admin:
        if (
            admin.info.server_version < 150000
            or not admin.execute(
                "SELECT 1 FROM pg_collation WHERE collprovider = 'i' LIMIT 1"
            ).fetchone()
        ):
            pytest.skip("this server has no ICU collations to choose as a database's default")
    english = "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
    with fresh_database(pg_cluster, english) as database:
        yield make_team(database)


def test_reassignment_compares_clocks_byte_wise_whatever_the_databases_collation(
    linguistic_team: Team,
) -> None:
    team = linguistic_team
    wall = f"{1_764_590_000_000:018d}-000000-"
    with team.connect(MANAGER) as raw:
        assert raw.execute("SELECT %s < %s", (wall + "a", wall + "B")).fetchone()[0]
    with team.session("alice") as alice, team.session(MANAGER) as manager:
        gid = str(uuid.uuid4())
        ada = RowChange("leads", gid, gid, "alice", "a", wall + "a", {"name": "Ada"})
        alice.push([ada])
        # Byte-wise "...-B" is older than "...-a": this move lost the race and changes nothing.
        move = RowChange("leads", ada.gid, ada.gid, "bob", "B", wall + "B", {"owner": "bob"})
        assert manager.push([move]) == []
    with team.connect(MANAGER) as raw:
        owner = raw.execute(
            "SELECT owner FROM salescoach.lead_owners WHERE lead_gid = %s", (ada.gid,)
        ).fetchone()
        assert owner == ("alice",)
    with team.session("bob") as bob:
        assert ada.gid not in {c.lead_gid for c in everything(bob)}
