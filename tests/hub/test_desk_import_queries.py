"""team import's duplicate keys, looked up on the hub: the keys a lead there has, by the same
text the import builds for a row (lower case; name and company joined by `|`)."""

from __future__ import annotations

import pytest

from salescoach.hub.desk_import_queries import existing_keys
from tests.support.hub import MANAGER, Team, lead, make_team
from tests.support.postgres import HubDatabase


@pytest.fixture
def team(hub_db: HubDatabase) -> Team:
    team = make_team(hub_db)
    with team.session("alice") as alice:
        alice.push([
            lead("alice", name="Ada", company="Acme", email="Ada@Acme.example"),
            lead("alice", name="Bea|Ltd", company="North"),
            lead("alice", name="Cy"),
        ])  # fmt: skip
    return team


def test_only_the_keys_a_lead_on_the_hub_has(team: Team) -> None:
    asked = {
        "e:ada@acme.example", "n:ada|acme", "e:nobody@acme.example", "n:ada|other",
        "n:bea|ltd|north", "n:cy|", "n:cy|none",
    }  # fmt: skip
    with team.connect(MANAGER) as connection:
        found = existing_keys(connection, asked)
    assert found == {"e:ada@acme.example", "n:ada|acme", "n:bea|ltd|north", "n:cy|"}


def test_no_keys_asked_none_found(team: Team) -> None:
    with team.connect(MANAGER) as connection:
        assert existing_keys(connection, set()) == set()
