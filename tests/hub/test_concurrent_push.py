"""Two terminals syncing at once: the same changes pushed concurrently are stored once, and
neither push fails."""

from __future__ import annotations

import threading

import pytest

from tests.support.hub import Team, event, everything, lead, make_team
from tests.support.postgres import HubDatabase


@pytest.fixture
def team(hub_db: HubDatabase) -> Team:
    return make_team(hub_db)


def test_the_same_batch_pushed_from_two_sessions_at_once_is_stored_once(team: Team) -> None:
    leads = [lead("alice") for _ in range(40)]
    changes = [*leads, *(event("alice", leads[i % 40].gid, str(i)) for i in range(400))]
    barrier = threading.Barrier(2)
    results: list[object] = []

    def push(order: list[object]) -> None:
        with team.session("alice") as session:
            barrier.wait()
            try:
                results.append(session.push(order))
            except Exception as error:  # collected: the test fails below with it
                results.append(error)

    # The second session pushes the new leads in the opposite order.
    threads = [
        threading.Thread(target=push, args=(changes,)),
        threading.Thread(target=push, args=([*reversed(leads), *changes[40:]],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [[], []]
    with team.session("alice") as alice:
        stored = everything(alice)
    assert sorted(c.gid for c in stored) == sorted(c.gid for c in changes)
