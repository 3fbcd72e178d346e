"""A rep running one of the manager's writing commands (`team goal set`, `team drill assign`,
`team playbook publish`) is refused before anything reaches the hub: the feed takes a rep's
own rows, so without the check a rep could set the manager's quota on themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.desk import fixed_team, join_as
from tests.support.hub import MANAGER, Team
from tests.support.postgres import HubDatabase


@pytest.fixture
def team(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    return fixed_team(hub_db, monkeypatch)


def _feed(team: Team) -> list[tuple[str, str]]:
    with team.connect(MANAGER) as connection:
        rows = connection.execute(
            "SELECT tbl, owner FROM salescoach.feed"
            " WHERE tbl IN ('goals', 'assignments', 'playbooks') ORDER BY seq"
        ).fetchall()
    return [(t, o) for t, o in rows]


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (("goal", "set", "calls", "99", "--per", "week", "--all"), "team goal set"),
        (("goal", "set", "calls", "1", "--per", "week", "--rep", "bob"), "team goal set"),
        (("drill", "assign", "bob", "price"), "team drill assign"),
    ],
)
def test_a_rep_is_refused_and_nothing_reaches_the_hub(
    team: Team, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], command: str
) -> None:
    assert run("team", "goal", "set", "calls", "10", "--per", "week", "--all").exit_code == 0
    before = _feed(team)
    join_as(team, "bob", monkeypatch)
    result = run("team", *args)
    assert result.exit_code == 2, result.stderr
    assert f"`{command}` is a manager's command" in result.stderr
    assert "role bob is not one of this hub's managers" in result.stderr
    assert "nothing was changed" in result.stderr and "saved" not in result.stderr
    assert _feed(team) == before


def test_a_rep_cannot_publish_a_playbook(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "team-way.yaml"
    book.write_text("extends: b2b-saas\ntitle: team way\n", encoding="utf-8")
    join_as(team, "bob", monkeypatch)
    result = run("team", "playbook", "publish", str(book))
    assert result.exit_code == 2 and "`team playbook publish` is a manager's command" in (
        result.stderr
    )
    assert _feed(team) == []
