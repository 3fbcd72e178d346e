"""`team import --dry-run`, `--json` and `--map`, and a description column turned into the
lead's first note (as `lead import` does), on the fixed team (open leads: alice 2, bob 1,
carol 0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.desk import fixed_team
from tests.support.hub import MANAGER, Team
from tests.support.postgres import HubDatabase

CSV = """Full name,company,email,notes
N1,Co1,n1@x.io,Asked for pricing at the webinar
N2,Co2,n2@x.io,
A1,,,dup of a lead the hub has
"""


@pytest.fixture
def team(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    return fixed_team(hub_db, monkeypatch)


def _file(tmp_path: Path) -> str:
    file = tmp_path / "marketing.csv"
    file.write_text(CSV)
    return str(file)


def _feed(team: Team) -> int:
    with team.connect(MANAGER) as connection:
        return int(connection.execute("SELECT count(*) FROM salescoach.feed").fetchone()[0])


MAP = ("--map", "Full name=name", "--map", "notes=description")


def test_dry_run_shows_the_routing_and_writes_nothing(team: Team, tmp_path: Path) -> None:
    before = _feed(team)
    result = run("team", "import", _file(tmp_path), "--assign", "by-capacity", *MAP, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "line 2: N1 (Co1) -> carol",
        "line 3: N2 (Co2) -> bob",
        "line 4: duplicate of a lead on the hub (same name and company): A1",
    ]
    assert "would import 2 leads (bob 1, carol 1); 1 duplicate skipped" in result.stderr
    assert "dry run: nothing was written" in result.stderr
    assert _feed(team) == before


def test_json_reports_the_routing_and_the_description_becomes_the_first_note(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("team", "import", _file(tmp_path), "--assign", "round-robin", *MAP, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["schema"], data["dry_run"], data["method"]) == ("team-import", False,
                                                                 "round-robin")  # fmt: skip
    assert data["routed"] == {"alice": 1, "bob": 1} and data["duplicates"] == 1
    assert data["notes"] == 1
    assert [(d["label"], d["owner"]) for d in data["leads"]] == [("N1 (Co1)", "alice"),
                                                                 ("N2 (Co2)", "bob")]  # fmt: skip
    with team.connect(MANAGER) as connection:
        notes = connection.execute(
            "SELECT i.owner, i.kind, i.data ->> 'text' FROM salescoach.desk_interactions i"
            " JOIN salescoach.desk_leads l ON l.gid = i.lead_gid WHERE l.name = 'N1'"
        ).fetchall()
    assert notes == [("alice", "note", "Asked for pricing at the webinar")]
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "alice"))
    monkeypatch.setenv("PGPASSWORD", team.passwords["alice"])
    assert run("team", "join", team.db.conninfo(), "--as", "alice").exit_code == 0
    assert run("sync").exit_code == 0
    shown = run("lead", "show", "N1")
    assert "Asked for pricing at the webinar" in shown.stdout


def test_a_bad_map_imports_nothing(team: Team, tmp_path: Path) -> None:
    before = _feed(team)
    result = run("team", "import", _file(tmp_path), "--assign", "round-robin", "--map", "x")
    assert result.exit_code == 2 and "--map" in result.stderr
    assert _feed(team) == before
