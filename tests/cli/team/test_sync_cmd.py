"""`salescoach sync` and `team status` through the CLI, against the in-memory hub."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from salescoach.paths import database_path
from tests.support.cli import run
from tests.support.fake_hub import MANAGER, FakeHub, HubDown, link_fake_hub
from tests.support.leads import add, use_test_playbooks


@pytest.fixture(autouse=True)
def playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def test_sync_pushes_then_pulls_and_status_shows_what_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hub = FakeHub()
    link_fake_hub(monkeypatch, hub, "ann")
    add("Ada")
    assert run("log", "Ada", "-c", "call", "-m", "first call").exit_code == 0
    before = json.loads(run("team", "status", "--json").stdout)
    assert (before["joined"], before["pending"], before["last_sync_at"]) == (True, 2, None)
    result = run("sync", "--json")
    assert result.exit_code == 0, result.stderr
    counts = json.loads(result.stdout)
    assert (counts["pushed"], counts["refused"], counts["pending"]) == (2, 0, 0)
    status = run("team", "status")
    assert "hub: postgresql://hub.example/team" in status.stdout
    assert "rep: ann" in status.stdout and "pending: 0" in status.stdout
    assert "last sync: never" not in status.stdout
    assert run("sync").stdout.startswith("pushed 0, pulled")


def test_an_unreachable_hub_changes_nothing_here(
    monkeypatch: pytest.MonkeyPatch, salescoach_home: Path
) -> None:
    hub = FakeHub(down=True)
    link_fake_hub(monkeypatch, hub, "ann")
    add("Ada")
    with sqlite3.connect(database_path()) as conn:
        before = (
            conn.execute("SELECT * FROM sync_outbox").fetchall(),
            conn.execute("SELECT * FROM leads").fetchall(),
        )
    with pytest.raises(HubDown):
        run("sync")
    with sqlite3.connect(database_path()) as conn:
        after = (
            conn.execute("SELECT * FROM sync_outbox").fetchall(),
            conn.execute("SELECT * FROM leads").fetchall(),
        )
    assert after == before


def test_a_refused_change_is_reported_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    hub = FakeHub()
    link_fake_hub(monkeypatch, hub, "ann")
    add("Ada")
    run("sync")
    desk = hub.session(MANAGER)
    (lead,) = [c for c in hub.feed if c.table == "leads"]
    desk.push([type(lead)("leads", lead.gid, lead.gid, "bob", "hub", "9" * 18 + "-000000-hub",
                          {"owner": "bob"})])  # fmt: skip
    assert run("log", "Ada", "-c", "call", "-m", "offline").exit_code == 0
    result = run("sync", "--json")
    assert json.loads(result.stdout)["refused"] == 2  # the note, and the lead it touched
    assert "refused 2 change" in result.stderr
    status = run("team", "status")
    assert "refused: 2 change(s)" in status.stdout
    assert "offline" in run("history", "Ada").stdout


def test_status_without_a_team(monkeypatch: pytest.MonkeyPatch) -> None:
    import salescoach.actions.sync as action

    monkeypatch.setattr(action, "joined_team", lambda: None)
    shown = run("team", "status")
    assert shown.exit_code == 0 and "hub: none" in shown.stdout
    refused = run("sync")
    assert refused.exit_code == 2 and "has not joined a team hub" in refused.stderr
