"""`team playbook publish`: checked like `playbook validate`, numbered by the hub, in every
rep's hub layer after sync (their own playbooks still shadow it); a walk records the version
it ran; `team report --by-playbook-version` compares versions; bad input publishes nothing."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from salescoach.core.sync.changes import RowChange
from salescoach.paths import database_path
from tests.support.cli import run
from tests.support.desk import fixed_team
from tests.support.hub import MANAGER, Team, hlc
from tests.support.postgres import HubDatabase
from tests.support.walk import FIXTURES, FULL_ANSWERS, new_lead, write

WALKTHROUGH = (FIXTURES / "playbooks" / "walkthrough.yaml").read_text(encoding="utf-8")


@pytest.fixture
def team(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    return fixed_team(hub_db, monkeypatch)


def _versions(team: Team) -> list[tuple[str, int]]:
    with team.connect(MANAGER) as connection:
        rows = connection.execute(
            "SELECT fields ->> 'name', (fields ->> 'version')::int FROM salescoach.feed"
            " WHERE tbl = 'playbooks' ORDER BY 2"
        ).fetchall()
    return [(n, v) for n, v in rows]


def test_published_versions_reach_the_rep_and_a_walk_records_the_one_it_ran(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "team-way.yaml"
    book.write_text(WALKTHROUGH, encoding="utf-8")
    first = run("team", "playbook", "publish", str(book))
    assert first.exit_code == 0, first.stderr
    assert "published team-way version 1" in first.stderr
    book.write_text(WALKTHROUGH + "# second version\n", encoding="utf-8")
    assert run("team", "playbook", "publish", str(book)).exit_code == 0
    assert _versions(team) == [("team-way", 1), ("team-way", 2)]

    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "alice"))
    monkeypatch.setenv("PGPASSWORD", team.passwords["alice"])
    assert run("team", "join", team.db.conninfo(), "--as", "alice").exit_code == 0
    assert run("sync").exit_code == 0
    listed = json.loads(run("playbook", "list", "--json").stdout)
    entry = next(p for p in listed if p["name"] == "team-way")
    assert entry["origin"] == "hub"
    lead = new_lead(playbook="team-way")
    walked = run("walk", "ACME", "--answers", str(write(tmp_path, FULL_ANSWERS)), "--json")
    assert walked.exit_code == 0, walked.stderr
    with sqlite3.connect(database_path()) as conn:
        version = conn.execute(
            "SELECT playbook, playbook_version FROM sessions WHERE lead_id = ?", (lead,)
        ).fetchone()
    assert version == ("team-way", "2")
    assert run("sync").exit_code == 0
    with team.connect(MANAGER) as connection:
        pushed = connection.execute(
            "SELECT fields ->> 'playbook_version' FROM salescoach.feed WHERE tbl = 'sessions'"
        ).fetchall()
    assert pushed == [("2",)]


def test_the_reps_own_playbook_still_shadows_the_published_one(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "team-way.yaml"
    book.write_text(WALKTHROUGH, encoding="utf-8")
    assert run("team", "playbook", "publish", str(book)).exit_code == 0
    home = tmp_path / "bob"
    monkeypatch.setenv("SALESCOACH_HOME", str(home))
    monkeypatch.setenv("PGPASSWORD", team.passwords["bob"])
    assert run("team", "join", team.db.conninfo(), "--as", "bob").exit_code == 0
    (home / "playbooks").mkdir(parents=True)
    (home / "playbooks" / "team-way.yaml").write_text(WALKTHROUGH, encoding="utf-8")
    assert run("sync").exit_code == 0
    assert (home / "hub-playbooks" / "team-way.yaml").is_file()
    listed = json.loads(run("playbook", "list", "--json").stdout)
    entry = next(p for p in listed if p["name"] == "team-way")
    assert entry["origin"] == "user"


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        ("title: x\nsteps: 3\n", "broken.yaml", "broken.yaml:"),
        ("titel: x\n", "typo.yaml", "unknown key 'titel'"),
        ("extends: ./mine.yaml\n", "child.yaml", "which the reps do not have"),
        ("extends: b2b-saas\n", "Bad Name.yaml", "must be lower-case"),
    ],
)
def test_an_invalid_playbook_is_not_published(
    team: Team, tmp_path: Path, text: str, name: str, message: str
) -> None:
    (tmp_path / "mine.yaml").write_text("extends: b2b-saas\ntitle: mine\n", encoding="utf-8")
    book = tmp_path / name
    book.write_text(text, encoding="utf-8")
    result = run("team", "playbook", "publish", str(book))
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert _versions(team) == []


def _walk(lead_gid: str, version: str, started: str) -> RowChange:
    fields = {"playbook": "team-way", "playbook_version": version, "started_at": started,
              "status": "finished"}  # fmt: skip
    return RowChange("sessions", str(uuid.uuid4()), lead_gid, "bob", "rb", hlc(), fields)


def test_report_by_playbook_version_compares_the_versions(team: Team) -> None:
    from tests.support.desk import lead_row, logged

    one, two = lead_row("bob", "V1"), lead_row("bob", "V2")
    rows = [
        one, two,
        _walk(one.gid, "1", "2026-03-02T09:00:00"), _walk(two.gid, "2", "2026-03-03T09:00:00"),
        logged("bob", one, "2026-03-02T09:00:00", "call"),
        logged("bob", one, "2026-03-04T09:00:00", "call", step="approach"),
        logged("bob", one, "2026-03-05T09:00:00", "call", kind="outcome", result="won",
               step="closing"),
        logged("bob", two, "2026-03-03T09:00:00", "call"),
        logged("bob", two, "2026-03-04T09:00:00", "call", kind="outcome", result="lost"),
    ]  # fmt: skip
    with team.session(MANAGER) as session:  # the rep's rows, as the hub holds them
        assert session.push(rows) == []
    result = run("team", "report", "--by-playbook-version", "--period", "2026-03-01..2026-03-31",
                 "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    versions = {v["version"]: v for v in json.loads(result.stdout)["versions"]}
    assert (versions["1"]["won"], versions["1"]["win_rate"]) == (1, 1.0)
    assert versions["1"]["days_per_step"]["prospecting"] == 2.0
    assert versions["1"]["days_per_step"]["approach"] == 1.0
    assert (versions["2"]["lost"], versions["2"]["win_rate"]) == (1, 0.0)
    text = run("team", "report", "--by-playbook-version", "--period", "2026-03-01..2026-03-31")
    assert "team-way" in text.stdout and "100%" in text.stdout
    bad = run("team", "report", "--by-playbook-version", "--rep", "bob")
    assert bad.exit_code == 2 and "--by-playbook-version" in bad.stderr
