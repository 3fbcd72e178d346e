"""`team goal set`: the manager's quota reaches the rep on sync, marked as the manager's and
not the rep's to change; bad input exits 2 with nothing set."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.desk import fixed_team
from tests.support.hub import MANAGER, Team
from tests.support.postgres import HubDatabase


@pytest.fixture
def team(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    return fixed_team(hub_db, monkeypatch)


def _goals(team: Team) -> list[tuple[str, str, float, str]]:
    with team.connect(MANAGER) as connection:
        rows = connection.execute(
            "SELECT owner, metric, target, period FROM salescoach.desk_goals ORDER BY owner"
        ).fetchall()
    return [(o, m, float(t), p) for o, m, t, p in rows]


def test_the_rep_sees_the_managers_goal_after_sync_and_cannot_change_it(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("team", "goal", "set", "calls", "20", "--per", "week", "--rep", "alice")
    assert result.exit_code == 0, result.stderr
    again = run("team", "goal", "set", "calls", "25", "--per", "week", "--rep", "alice")
    assert again.exit_code == 0, again.stderr
    assert _goals(team) == [("alice", "calls", 25.0, "week")]  # the same goal, changed
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "alice"))
    monkeypatch.setenv("PGPASSWORD", team.passwords["alice"])
    assert run("team", "join", team.db.conninfo(), "--as", "alice").exit_code == 0
    synced = run("sync")
    assert synced.exit_code == 0, synced.stderr
    listed = run("goal", "list")
    assert "set by your manager (not yours to change): calls per week" in listed.stdout
    refused = run("goal", "set", "calls", "5", "--per", "week")
    assert refused.exit_code == 2 and "your manager set the weekly goal" in refused.stderr
    assert run("goal", "remove", "calls", "--per", "week").exit_code == 2
    assert run("goal", "set", "calls", "5", "--per", "day").exit_code == 0  # her own


def test_all_sets_it_for_every_current_rep(team: Team) -> None:
    result = run("team", "goal", "set", "meetings", "3", "--per", "month", "--all")
    assert result.exit_code == 0, result.stderr
    assert [g[0] for g in _goals(team)] == ["alice", "bob", "carol"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("dials", "20", "--per", "week", "--all"), "unknown metric"),
        (("calls", "0", "--per", "week", "--all"), "above zero"),
        (("calls", "--per", "week", "--all", "--", "-5"), "above zero"),
        (("calls", "-5", "--per", "week", "--all"), "above zero"),  # typed plainly, no --
        (("calls", "20", "--per", "fortnight", "--all"), "unknown period"),
        (("calls", "20", "--per", "week", "--rep", "dave"), "no rep of this hub"),
        (("calls", "20", "--per", "week"), "--rep NAME"),
        (("calls", "20", "--per", "week", "--rep", "bob", "--all"), "--rep NAME"),
    ],
)
def test_bad_input_sets_nothing(team: Team, args: tuple[str, ...], message: str) -> None:
    result = run("team", "goal", "set", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert _goals(team) == []
