"""`team import FILE.csv --assign ...` on the fixed team (open leads now: alice 2, bob 1,
carol 0): routing worked out by hand; duplicates of the hub's leads skipped; bad input exits
2 with nothing imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.desk import fixed_team, join_as, owner_of
from tests.support.hub import MANAGER, Team, everything
from tests.support.postgres import HubDatabase

CSV = """name,company,email,owner
N1,Co1,n1@x.io,alice
N2,Co2,n2@x.io,bob
N3,Co3,n3@x.io,carol
N4,Co4,n4@x.io,alice
A1,,,alice
"""


@pytest.fixture
def team(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    return fixed_team(hub_db, monkeypatch)


def _import(tmp_path: Path, *args: str, text: str = CSV) -> tuple[int, str]:
    file = tmp_path / "marketing.csv"
    file.write_text(text)
    result = run("team", "import", str(file), *args)
    return result.exit_code, result.stderr


def _owners(team: Team) -> list[str]:
    return [owner_of(team, name) for name in ("N1", "N2", "N3", "N4")]


def _lead_count(team: Team) -> int:
    with team.connect(MANAGER) as connection:
        return int(connection.execute("SELECT count(*) FROM salescoach.desk_leads").fetchone()[0])


def test_round_robin_in_turn_skipping_a_lead_the_hub_has(team: Team, tmp_path: Path) -> None:
    code, said = _import(tmp_path, "--assign", "round-robin")
    assert code == 0, said
    assert "imported 4 leads (alice 2, bob 1, carol 1); 1 duplicate skipped" in said
    assert _owners(team) == ["alice", "bob", "carol", "alice"]
    with team.connect(MANAGER) as connection:
        deadlines = connection.execute(
            "SELECT count(*) FROM salescoach.desk_leads WHERE name LIKE 'N%' AND sla_due IS NULL"
        ).fetchone()[0]
    assert deadlines == 0  # every imported lead got its playbook's SLA deadline


def test_by_capacity_fills_the_least_loaded_first(team: Team, tmp_path: Path) -> None:
    code, said = _import(tmp_path, "--assign", "by-capacity")
    assert code == 0, said
    assert _owners(team) == ["carol", "bob", "carol", "alice"]


def test_by_owner_and_the_rep_receives_them_on_sync(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, said = _import(tmp_path, "--assign", "by-owner")
    assert code == 0, said
    assert _owners(team) == ["alice", "bob", "carol", "alice"]
    monkeypatch.setenv("PGPASSWORD", team.passwords["carol"])
    with team.session("carol") as carol:
        assert [c.fields["name"] for c in everything(carol)] == ["N3"]


def test_by_owner_refuses_owners_that_are_not_reps_unless_told(team: Team, tmp_path: Path) -> None:
    text = CSV + "N5,Co5,n5@x.io,dave\nN6,Co6,,\n"
    before = _lead_count(team)
    code, said = _import(tmp_path, "--assign", "by-owner", text=text)
    assert code == 2 and "not reps of this hub: (no owner), dave" in said
    assert "nothing was imported" in said and _lead_count(team) == before
    code, said = _import(tmp_path, "--assign", "by-owner", "--unassigned-ok", text=text)
    assert code == 0 and "2 unassigned" in said
    assert owner_of(team, "N5") == MANAGER
    plan = run("team", "plan")
    assert "N5 (Co5), boss" in plan.stdout


def test_bad_input_imports_nothing(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _lead_count(team)
    code, said = _import(tmp_path, "--assign", "random")
    assert code == 2 and "no routing" in said
    join_as(team, "alice", monkeypatch)
    code, said = _import(tmp_path, "--assign", "round-robin")
    assert code == 2 and "a manager's command" in said
    join_as(team, MANAGER, monkeypatch)
    assert _lead_count(team) == before


def test_each_skipped_duplicate_is_named_with_its_line(team: Team, tmp_path: Path) -> None:
    file = tmp_path / "marketing.csv"
    file.write_text(CSV + "Nina,Other,N1@X.io,bob\nn2,co2,,bob\n")
    result = run("team", "import", str(file), "--assign", "round-robin")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "line 6: duplicate of a lead on the hub (same name and company): A1",
        "line 7: duplicate of line 2 (same e-mail): Nina (Other)",
        "line 8: duplicate of line 3 (same name and company): n2 (co2)",
    ]
    assert "3 duplicates skipped" in result.stderr
    file.write_text(CSV)
    data = json.loads(
        run("team", "import", str(file), "--assign", "round-robin", "--dry-run", "--json").stdout
    )
    assert data["duplicates"] == 5  # A1, and now the four leads this test imported
    assert data["duplicate_rows"][0] == {
        "line": 2, "label": "N1 (Co1)", "same_as": "a lead on the hub", "why": "e-mail",
    }  # fmt: skip
